import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/** A listed lake object. */
export interface LakeObject {
  readonly key: string;
  readonly etag: string;
  readonly size: number;
}

/** Lists every object under a prefix (all pages), sorted by key. */
export async function listObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<LakeObject[]> {
  const out: LakeObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) {
      if (o.Key && !o.Key.endsWith('/')) {
        out.push({ key: o.Key, etag: normalizeEtag(o.ETag), size: o.Size ?? 0 });
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** An ETag without its quotes. */
export const normalizeEtag = (etag: string | undefined): string => (etag ?? '').replace(/"/g, '');

/** The local path of a lake object in a mirror folder. */
export const localPathOf = (localDir: string, key: string): string => join(localDir, key);

/**
 * Mirrors the given objects into `localDir` (at their keys) through the S3 API, a few at a time.
 * An object is downloaded only when `known` doesn't hold its ETag — `known` survives warm Lambda
 * invocations — or, for a file left by an earlier process, when the file's MD5 differs from the
 * ETag (single-part uploads, as compaction writes them). Returns the local paths, in order.
 */
export async function syncObjects(
  s3: S3Client,
  bucket: string,
  objects: readonly { readonly key: string; readonly etag: string }[],
  localDir: string,
  known: Map<string, string>,
  concurrency = 8,
): Promise<string[]> {
  const todo: { key: string; etag: string }[] = [];
  for (const o of objects) {
    if (known.get(o.key) === o.etag) continue;
    if (await fileMatches(localPathOf(localDir, o.key), o.etag)) known.set(o.key, o.etag);
    else todo.push(o);
  }
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const o = todo[next++] as { key: string; etag: string };
      known.delete(o.key);
      await download(s3, bucket, o.key, localPathOf(localDir, o.key));
      known.set(o.key, o.etag);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  return objects.map((o) => localPathOf(localDir, o.key));
}

async function fileMatches(path: string, etag: string): Promise<boolean> {
  if (!/^[0-9a-f]{32}$/.test(etag)) return false;
  try {
    await stat(path);
  } catch {
    return false;
  }
  return (await md5OfFile(path)) === etag;
}

/** The MD5 (hex) of a file: the ETag S3 gives it when uploaded in one part. */
export async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function download(s3: S3Client, bucket: string, key: string, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!result.Body) throw new Error(`empty body for ${key}`);
  await pipeline(result.Body as Readable, createWriteStream(partial));
  await rename(partial, path);
}

/**
 * Uploads a local file to `key` and returns its ETag. The file is read into memory (curated
 * objects are tens of MB at most), which the embedded S3 server needs for a correct body.
 */
export async function uploadFile(
  s3: S3Client,
  bucket: string,
  key: string,
  path: string,
  contentType: string,
): Promise<string> {
  const body = await readFile(path);
  const result = await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
  );
  return normalizeEtag(result.ETag) || createHash('md5').update(body).digest('hex');
}

/** Moves a finished file into the mirror at its key (after its upload) and records its ETag. */
export async function adoptFile(
  localDir: string,
  key: string,
  from: string,
  etag: string,
  known: Map<string, string>,
): Promise<void> {
  const to = localPathOf(localDir, key);
  await mkdir(dirname(to), { recursive: true });
  await rename(from, to);
  known.set(key, etag);
}

/** Removes an object's file from the mirror. */
export async function forgetFile(
  localDir: string,
  key: string,
  known: Map<string, string>,
): Promise<void> {
  known.delete(key);
  await rm(localPathOf(localDir, key), { force: true });
}

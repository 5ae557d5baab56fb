import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

/** One lake object mirrored to a local file. */
export interface LakeFile {
  readonly key: string;
  readonly etag: string;
  readonly size: number;
  readonly localPath: string;
}

/** Lists every object under a prefix (all pages). */
export async function listObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<{ key: string; etag: string; size: number }[]> {
  const out: { key: string; etag: string; size: number }[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) {
      if (o.Key && !o.Key.endsWith('/')) {
        out.push({ key: o.Key, etag: (o.ETag ?? '').replace(/"/g, ''), size: o.Size ?? 0 });
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Mirrors the objects under `prefix` into `localDir` through the S3 API. Files whose ETag is
 * unchanged since the last sync are not downloaded again; local files of deleted objects are
 * removed. Downloads run a few at a time.
 */
export async function syncPrefix(
  s3: S3Client,
  bucket: string,
  prefix: string,
  localDir: string,
  known: Map<string, string>,
  concurrency = 8,
): Promise<LakeFile[]> {
  const objects = await listObjects(s3, bucket, prefix);
  const files = objects.map((o) => ({ ...o, localPath: join(localDir, o.key) }));
  const wanted = new Set(files.map((f) => f.key));
  for (const key of [...known.keys()]) {
    if (key.startsWith(prefix) && !wanted.has(key)) {
      await rm(join(localDir, key), { force: true });
      known.delete(key);
    }
  }
  const todo = files.filter((f) => known.get(f.key) !== f.etag);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const file = todo[next++] as LakeFile;
      await download(s3, bucket, file.key, file.localPath);
      known.set(file.key, file.etag);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  return files;
}

async function download(s3: S3Client, bucket: string, key: string, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!result.Body) throw new Error(`empty body for ${key}`);
  await pipeline(result.Body as Readable, createWriteStream(path));
}

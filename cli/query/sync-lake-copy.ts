import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { listLakeFiles } from './lake-files.js';

/** An object of the lake bucket. */
export interface LakeObject {
  readonly key: string;
  readonly etag: string;
  readonly size: number;
  readonly lastModified: number;
}

/** What a sync did. */
export interface SyncSummary {
  /** Objects the lake copy now mirrors. */
  readonly objects: number;
  readonly downloaded: number;
  readonly downloadedBytes: number;
  /** Local files removed because their object is gone (or no longer the latest version). */
  readonly removed: number;
}

/** Options of {@link syncLakeCopy}. */
export interface SyncLakeCopyOptions {
  readonly s3: S3Client;
  readonly bucket: string;
  /** Prefix under which `curated/` and `published/` live (`''` for the bucket root). */
  readonly root: string;
  /** The local lake copy. */
  readonly lakeDir: string;
  /** JSON file (outside the lake) remembering each mirrored object's ETag. */
  readonly stateFile: string;
  /**
   * Indicator id → key of its latest published Parquet (from the manifests). Without it, the
   * newest `.parquet` object of each indicator (by LastModified) is taken.
   */
  readonly latestPublished?: ReadonlyMap<string, string> | undefined;
  readonly onProgress?: (
    doneFiles: number,
    totalFiles: number,
    doneBytes: number,
    totalBytes: number,
  ) => void;
  readonly concurrency?: number;
}

const stateSchema = z.object({
  objects: z.record(z.string(), z.object({ etag: z.string(), size: z.number() })),
});

const PUBLISHED_PARQUET = /^published\/indicators\/([a-z][a-z0-9-]*)\/[^/]+\.parquet$/;

/**
 * Mirrors the analysts' part of a lake bucket into a local folder through the S3 API: every object
 * under `curated/` (except the compute step's `curated/_…/` bookkeeping), and the latest published
 * Parquet of each indicator. Only objects whose ETag
 * changed since the last sync (or whose local file is missing or has another size) are
 * downloaded, each to a temporary file renamed into place; local files that no longer match an
 * object are removed.
 */
export async function syncLakeCopy(options: SyncLakeCopyOptions): Promise<SyncSummary> {
  const { s3, bucket, root, lakeDir } = options;
  const [curated, published] = await Promise.all([
    listLakeObjects(s3, bucket, `${root}curated/`),
    listLakeObjects(s3, bucket, `${root}published/indicators/`),
  ]);
  const wanted = new Map<string, LakeObject>();
  for (const object of [...curated, ...latestParquets(published, root, options.latestPublished)]) {
    const relative = object.key.slice(root.length);
    // curated/_state/, curated/_index/ …: the compute step's own bookkeeping, not data.
    if (isSafeRelativePath(relative) && !relative.startsWith('curated/_')) {
      wanted.set(relative, object);
    }
  }

  await mkdir(lakeDir, { recursive: true });
  const state = await readState(options.stateFile);
  let removed = 0;
  for (const file of await listLakeFiles(lakeDir)) {
    if (!wanted.has(file.path)) {
      await rm(join(lakeDir, file.path), { force: true });
      delete state.objects[file.path];
      removed += 1;
    }
  }

  const todo: [string, LakeObject][] = [];
  for (const [relative, object] of wanted) {
    const known = state.objects[relative];
    const path = join(lakeDir, relative);
    const current = known?.etag === object.etag && existsSync(path) ? await stat(path) : undefined;
    if (current?.size !== object.size) todo.push([relative, object]);
  }
  const totalBytes = todo.reduce((sum, [, o]) => sum + o.size, 0);
  let doneFiles = 0;
  let doneBytes = 0;
  options.onProgress?.(0, todo.length, 0, totalBytes);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const [relative, object] = todo[next++] as [string, LakeObject];
      await download(s3, bucket, object.key, join(lakeDir, relative));
      state.objects[relative] = { etag: object.etag, size: object.size };
      doneFiles += 1;
      doneBytes += object.size;
      options.onProgress?.(doneFiles, todo.length, doneBytes, totalBytes);
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency ?? 8, todo.length) }, worker),
    );
  } finally {
    for (const relative of Object.keys(state.objects)) {
      if (!wanted.has(relative)) delete state.objects[relative];
    }
    await mkdir(dirname(options.stateFile), { recursive: true });
    await writeFile(options.stateFile, `${JSON.stringify(state)}\n`);
  }
  return { objects: wanted.size, downloaded: doneFiles, downloadedBytes: doneBytes, removed };
}

/** Lists every object under a prefix (all pages), with ETag, size and last modification. */
export async function listLakeObjects(
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
      if (!o.Key || o.Key.endsWith('/')) continue;
      out.push({
        key: o.Key,
        etag: (o.ETag ?? '').replace(/"/g, ''),
        size: o.Size ?? 0,
        lastModified: o.LastModified?.getTime() ?? 0,
      });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

function latestParquets(
  objects: readonly LakeObject[],
  root: string,
  latestPublished: ReadonlyMap<string, string> | undefined,
): LakeObject[] {
  const byId = new Map<string, LakeObject>();
  for (const object of objects) {
    const id = object.key.slice(root.length).match(PUBLISHED_PARQUET)?.[1];
    if (!id) continue;
    if (latestPublished) {
      if (latestPublished.get(id) === object.key.slice(root.length)) byId.set(id, object);
      continue;
    }
    const current = byId.get(id);
    const newer =
      !current ||
      object.lastModified > current.lastModified ||
      (object.lastModified === current.lastModified && object.key > current.key);
    if (newer) byId.set(id, object);
  }
  return [...byId.values()];
}

function isSafeRelativePath(path: string): boolean {
  return (
    path !== '' &&
    !path.startsWith('/') &&
    !path.split('/').some((s) => s === '..' || s === '.' || s === '')
  );
}

async function readState(file: string): Promise<z.infer<typeof stateSchema>> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // A missing or damaged state file only means everything is checked again.
  }
  return { objects: {} };
}

async function download(s3: S3Client, bucket: string, key: string, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!result.Body) throw new Error(`empty body for s3://${bucket}/${key}`);
  const temp = `${path}.${process.pid}.download`;
  try {
    await pipeline(result.Body as Readable, createWriteStream(temp));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

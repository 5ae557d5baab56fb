import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { FEEDBACK_ID_INDEX_MANIFEST_KEY, feedbackIdShardKey } from '../shared/lake-layout.js';
import {
  type FeedbackIdIndexManifest,
  feedbackIdIndexManifestSchema,
  idShard,
} from './feedback-id-index.js';

const gunzipAsync = promisify(gunzip);

/** How many shard files are read at once. */
const CONCURRENCY = 6;

/**
 * Whether the curated lake holds a rating with this id (erasure of a rating whose DynamoDB item
 * has expired). Reads the id index that compaction writes: its manifest, then for each month the
 * one shard the id hashes to (plain S3 GetObject, no DuckDB), stopping at the first hit. No index
 * yet means no rating in the lake. A rating exported but not yet compacted is not found here; it
 * still has its DynamoDB item (items live 90 days, compaction runs every few minutes).
 */
export async function feedbackExistsInLake(
  s3: S3Client,
  bucket: string,
  id: string,
): Promise<boolean> {
  const manifest = await readManifest(s3, bucket);
  if (!manifest) return false;
  const shards = Object.entries(manifest.months)
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([month, count]) => feedbackIdShardKey(month, idShard(id, count), count));
  let found = false;
  let next = 0;
  const worker = async () => {
    while (!found && next < shards.length) {
      const key = shards[next++] as string;
      const text = await readText(s3, bucket, key, true);
      if (text !== undefined && containsLine(text, id)) found = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, shards.length) }, worker));
  return found;
}

async function readManifest(
  s3: S3Client,
  bucket: string,
): Promise<FeedbackIdIndexManifest | undefined> {
  const text = await readText(s3, bucket, FEEDBACK_ID_INDEX_MANIFEST_KEY, false);
  return text === undefined ? undefined : feedbackIdIndexManifestSchema.parse(JSON.parse(text));
}

async function readText(
  s3: S3Client,
  bucket: string,
  key: string,
  gzipped: boolean,
): Promise<string | undefined> {
  try {
    const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!result.Body) return undefined;
    const bytes = await result.Body.transformToByteArray();
    return (gzipped ? await gunzipAsync(bytes) : Buffer.from(bytes)).toString('utf8');
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
      return undefined;
    }
    throw error;
  }
}

/** Whether a text of sorted lines holds `line` as one whole line (binary search). */
export function containsLine(text: string, line: string): boolean {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = text.lastIndexOf('\n', mid - 1) + 1;
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const candidate = text.slice(start, end);
    if (candidate === line) return true;
    if (candidate < line) lo = end + 1;
    else hi = start;
  }
  return false;
}

import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * Reads the rows of a small raw metric batch (NDJSON, gzip) from the lake. For the few places
 * without DuckDB that need a small dataset (the service catalogue in the feedback function);
 * compute reads batches with DuckDB instead.
 */
export async function readBatchRows(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<Record<string, unknown>[]> {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await result.Body?.transformToByteArray();
  if (!bytes) return [];
  const text = gunzipSync(bytes).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

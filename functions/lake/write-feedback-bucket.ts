import { gzipSync } from 'node:zlib';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { rawFeedbackKey } from '../shared/lake-layout.js';
import { FEEDBACK_COLUMNS, type FeedbackRecord } from './feedback-record.js';

/**
 * Serialises one time bucket of feedback deterministically: rows sorted by id, columns in a
 * fixed order, one JSON object per line, gzip without a timestamp. The same rows always give the
 * same bytes, so a re-run overwrites an object with identical content.
 */
export function encodeFeedbackBucket(records: readonly FeedbackRecord[]): Buffer {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = sorted.map((r) => {
    const ordered: Record<string, unknown> = {};
    for (const column of FEEDBACK_COLUMNS) ordered[column] = r[column] ?? null;
    return JSON.stringify(ordered);
  });
  return gzipSync(Buffer.from(lines.length ? `${lines.join('\n')}\n` : ''), { level: 6 });
}

/**
 * Writes one exported time bucket to its deterministic key in the lake (the export's writer, also
 * used by the demo seed for the rating history). Returns the key and the object's ETag.
 */
export async function writeFeedbackBucket(
  s3: S3Client,
  bucket: string,
  bucketId: string,
  records: readonly FeedbackRecord[],
): Promise<{ key: string; etag: string | undefined; rows: number }> {
  const key = rawFeedbackKey(bucketId);
  const result = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: encodeFeedbackBucket(records),
      ContentType: 'application/gzip',
    }),
  );
  return { key, etag: result.ETag, rows: records.length };
}

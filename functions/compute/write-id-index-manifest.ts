import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FeedbackIdIndexManifest } from '../lake/feedback-id-index.js';
import { FEEDBACK_ID_INDEX_MANIFEST_KEY } from '../shared/lake-layout.js';

/** Writes the feedback id index manifest: every curated month and its shard count. */
export async function writeIdIndexManifest(
  s3: S3Client,
  bucket: string,
  months: Readonly<Record<string, number>>,
): Promise<void> {
  const manifest: FeedbackIdIndexManifest = {
    format: 1,
    months: Object.fromEntries(Object.entries(months).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: FEEDBACK_ID_INDEX_MANIFEST_KEY,
      Body: JSON.stringify(manifest),
      ContentType: 'application/json',
    }),
  );
}

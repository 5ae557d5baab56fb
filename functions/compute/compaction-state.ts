import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { COMPACTION_STATE_KEY } from '../shared/lake-layout.js';

/** One curated object of a dataset (a receipt input). */
export const curatedObjectSchema = z.strictObject({
  key: z.string().min(1),
  etag: z.string(),
  rows: z.number().int().min(0),
});

/** A curated object: its key, ETag and row count. */
export type CuratedObject = z.infer<typeof curatedObjectSchema>;

/** What compaction knows about the curated feedback. */
export const feedbackStateSchema = z.strictObject({
  /** Raw export objects already merged: key → ETag (pruned to the objects still listed). */
  sources: z.record(z.string(), z.string()),
  /** Every erased id applied so far, sorted (kept after their raw tombstones expire). */
  tombstones: z.array(z.string()),
  /** Curated month partitions: month → object, with its id index shard count. */
  months: z.record(
    z.string(),
    z.strictObject({ ...curatedObjectSchema.shape, idShards: z.number().int().min(1) }),
  ),
});

/** What compaction knows about a metric dataset's curated files. */
export const metricStateSchema = z.strictObject({
  /** Hash of the batches in force (ids, raw ETags, activation times, replacement keys). */
  batchSetHash: z.string(),
  /** The curated objects, sorted by key. */
  objects: z.array(curatedObjectSchema),
});

/**
 * The compaction state, one object in the lake (`curated/_state/compaction.json`): for feedback,
 * which raw buckets (key + ETag) and tombstones the curated months were built from; for each
 * metric dataset, the hash of the batch set its curated files were built from. It is written
 * last, after every curated object it describes, so a failure in between leaves the previous
 * state and the next run redoes the work (compaction is idempotent).
 */
export const compactionStateSchema = z.strictObject({
  format: z.literal(1),
  feedback: feedbackStateSchema,
  metrics: z.record(z.string(), metricStateSchema),
});

/** The compaction state. */
export type CompactionState = z.infer<typeof compactionStateSchema>;
/** The feedback part of the compaction state. */
export type FeedbackState = z.infer<typeof feedbackStateSchema>;
/** One metric dataset's part of the compaction state. */
export type MetricState = z.infer<typeof metricStateSchema>;

/** The state of a lake nothing has been compacted into. */
export const emptyCompactionState = (): CompactionState => ({
  format: 1,
  feedback: { sources: {}, tombstones: [], months: {} },
  metrics: {},
});

/** Reads the compaction state; `undefined` when there is none yet. */
export async function readCompactionState(
  s3: S3Client,
  bucket: string,
): Promise<CompactionState | undefined> {
  try {
    const result = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: COMPACTION_STATE_KEY }),
    );
    const text = (await result.Body?.transformToString('utf8')) ?? '';
    return compactionStateSchema.parse(JSON.parse(text));
  } catch (error) {
    if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
      return undefined;
    }
    throw error;
  }
}

/** Writes the compaction state (after every curated object it describes). */
export async function writeCompactionState(
  s3: S3Client,
  bucket: string,
  state: CompactionState,
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: COMPACTION_STATE_KEY,
      Body: JSON.stringify(state),
      ContentType: 'application/json',
    }),
  );
}

/** The curated objects of every dataset according to the state (receipt inputs), by dataset. */
export function curatedObjectsOf(state: CompactionState): Map<string, CuratedObject[]> {
  const out = new Map<string, CuratedObject[]>();
  out.set(
    'feedback',
    Object.values(state.feedback.months)
      .map(({ key, etag, rows }) => ({ key, etag, rows }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
  );
  for (const [dataset, metric] of Object.entries(state.metrics)) out.set(dataset, metric.objects);
  return out;
}

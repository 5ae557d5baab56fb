import type { S3Client } from '@aws-sdk/client-s3';
import { RAW_FEEDBACK_PREFIX, RAW_TOMBSTONES_PREFIX } from '../shared/lake-layout.js';
import { type LakeObject, listObjects } from './lake-sync.js';

/** The raw objects of the lake, classified: one listing of `raw/` per compute run. */
export interface RawObjects {
  /** Exported feedback buckets (`raw/feedback/bucket=<id>/feedback.jsonl.gz`), by key. */
  readonly feedbackBuckets: readonly LakeObject[];
  /** Erased feedback ids, from the tombstone keys (`raw/tombstones/<id>.json`), sorted. */
  readonly tombstoneIds: readonly string[];
  /** Every other raw object (metric batches), key → ETag. */
  readonly etags: ReadonlyMap<string, string>;
}

const FEEDBACK_BUCKET_KEY = /^raw\/feedback\/bucket=\d{8}T\d{6}Z\/feedback\.jsonl\.gz$/;
const TOMBSTONE_KEY = /^raw\/tombstones\/([^/]+)\.json$/;

/** Lists `raw/` once and classifies its objects. */
export async function listRawObjects(s3: S3Client, bucket: string): Promise<RawObjects> {
  const objects = await listObjects(s3, bucket, 'raw/');
  const feedbackBuckets: LakeObject[] = [];
  const tombstoneIds: string[] = [];
  const etags = new Map<string, string>();
  for (const o of objects) {
    if (o.key.startsWith(RAW_FEEDBACK_PREFIX)) {
      if (FEEDBACK_BUCKET_KEY.test(o.key)) feedbackBuckets.push(o);
    } else if (o.key.startsWith(RAW_TOMBSTONES_PREFIX)) {
      const id = TOMBSTONE_KEY.exec(o.key)?.[1];
      if (id) tombstoneIds.push(id);
    } else {
      etags.set(o.key, o.etag);
    }
  }
  return { feedbackBuckets, tombstoneIds: tombstoneIds.sort(), etags };
}

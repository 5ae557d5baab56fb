import { createHash } from 'node:crypto';
import { resolveBatches } from '../datasets/batch-states.js';
import type { MetricBatchRecord } from '../datasets/metric-batch-record.js';
import { monthOf } from '../shared/period.js';

/** One batch in force: where its rows are and which of them count. */
export interface BatchInForce {
  readonly batchId: string;
  readonly rawKey: string;
  /** ETag of the raw object. */
  readonly etag: string;
  /** The replacement-key values this batch is in force for (`*` for a snapshot), sorted. */
  readonly keys: readonly string[];
  /** Month (city time zone) the batch was activated: a snapshot's `as_of`. */
  readonly asOf: string;
}

/** The batches a metric dataset's curated files are built from, and their hash. */
export interface BatchSet {
  readonly batches: readonly BatchInForce[];
  /** Changes whenever the curated files would change: batch ids, ETags, keys, `as_of`. */
  readonly hash: string;
}

/** Thrown when a batch in force has no raw object in the lake. */
export class MissingBatchObject extends Error {
  override name = 'MissingBatchObject';
}

/**
 * The batches in force for a dataset (`resolveBatches`: for each replacement-key value, the
 * latest activated batch that isn't retracted), with the ETags of their raw objects from the
 * listing of `raw/`, sorted by batch id, and a hash of all of it.
 */
export function batchSetOf(
  records: readonly MetricBatchRecord[],
  rawEtags: ReadonlyMap<string, string>,
  timezone: string,
): BatchSet {
  const resolved = resolveBatches(records);
  const byId = new Map(records.map((r) => [r.batchId, r]));
  const batches = [...resolved.keysInForce.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([batchId, keys]): BatchInForce => {
      const record = byId.get(batchId) as MetricBatchRecord;
      const etag = rawEtags.get(record.rawKey);
      if (etag === undefined) {
        throw new MissingBatchObject(
          `batch ${batchId} of ${record.dataset} is in force but ${record.rawKey} is not in the lake`,
        );
      }
      return {
        batchId,
        rawKey: record.rawKey,
        etag,
        keys: [...keys].sort(),
        asOf: monthOf(record.activatedAt, timezone),
      };
    });
  const hash = createHash('sha256').update(JSON.stringify(batches)).digest('hex');
  return { batches, hash };
}

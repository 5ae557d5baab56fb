/**
 * Key builders for Mirante's single DynamoDB table (string `pk`/`sk`, one GSI `gsi1pk`/`gsi1sk`,
 * a `ttl` attribute). Every item family and its access pattern is described in
 * `docs/data-model.md`; build keys only through these functions.
 */

/** Name of the table's only global secondary index. */
export const GSI1 = 'gsi1';

/** Primary key of one table item. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Key of a feedback item (one citizen rating). */
export const feedbackKey = (id: string): ItemKey => ({ pk: `FEEDBACK#${id}`, sk: 'FEEDBACK' });

/**
 * GSI keys of a feedback item: partitioned by the UTC day of its export bucket, sorted by bucket
 * then id, so the export reads closed buckets with one range query per day.
 */
export const feedbackBucketIndexKey = (bucketId: string, id: string) => ({
  gsi1pk: feedbackDayPartition(bucketId),
  gsi1sk: `${bucketId}#${id}`,
});

/** GSI partition holding the feedback of the UTC day a bucket id starts in (`YYYYMMDD`). */
export const feedbackDayPartition = (bucketId: string): string =>
  `FEEDBACKDAY#${bucketId.slice(0, 8)}`;

/** Key of an idempotency record for a public request key (stored as its hash). */
export const idempotencyKey = (scope: string, keyHash: string): ItemKey => ({
  pk: `IDEMPOTENCY#${scope}#${keyHash}`,
  sk: 'IDEMPOTENCY',
});

/** Key of a rate-limit counter for one client hash, limit name and window start. */
export const rateCounterKey = (
  clientHash: string,
  limit: string,
  windowStart: string,
): ItemKey => ({
  pk: `RATE#${clientHash}`,
  sk: `${limit}#${windowStart}`,
});

/** Key of an erasure tombstone (one erased feedback id). */
export const tombstoneKey = (id: string): ItemKey => ({ pk: `TOMBSTONE#${id}`, sk: 'TOMBSTONE' });

/** GSI keys listing tombstones by the time they were written. */
export const tombstoneIndexKey = (deletedAt: string, id: string) => ({
  gsi1pk: 'TOMBSTONES',
  gsi1sk: `${deletedAt}#${id}`,
});

/** Key of a named watermark (e.g. `feedback-export`). */
export const watermarkKey = (name: string): ItemKey => ({
  pk: `WATERMARK#${name}`,
  sk: 'WATERMARK',
});

/** Key of a metric batch record. */
export const metricBatchKey = (dataset: string, batchId: string): ItemKey => ({
  pk: `BATCH#${dataset}`,
  sk: `BATCH#${batchId}`,
});

/** Key of an indicator's manifest (points at its latest published version). */
export const manifestKey = (indicatorId: string): ItemKey => ({
  pk: `INDICATOR#${indicatorId}`,
  sk: 'MANIFEST',
});

/** GSI keys listing every manifest with one query (the catalogue). */
export const manifestIndexKey = (indicatorId: string) => ({
  gsi1pk: 'MANIFESTS',
  gsi1sk: indicatorId,
});

/** Key of one published version record of an indicator, sorted by computation time. */
export const versionKey = (indicatorId: string, computedAt: string, version: string): ItemKey => ({
  pk: `INDICATOR#${indicatorId}`,
  sk: `VERSION#${computedAt}#${version}`,
});

/** Sort-key prefix of an indicator's version records. */
export const VERSION_SK_PREFIX = 'VERSION#';

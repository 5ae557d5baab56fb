/**
 * Object keys of the lake bucket (DESIGN.md, "Lake layout"). Build every key through these
 * functions so the layout lives in one place.
 */

/** Prefix of staff CSV uploads, the only prefix with an S3 event notification. */
export const incomingPrefix = (dataset: string): string => `incoming/${dataset}/`;

/** Where an ingested upload moves once processed or rejected. */
export const ingestResultPrefix = (outcome: 'processed' | 'rejected', dataset: string): string =>
  `ingest-results/${outcome}/${dataset}/`;

/** Prefix of every exported feedback bucket. */
export const RAW_FEEDBACK_PREFIX = 'raw/feedback/';

/** Deterministic key of the object holding one exported feedback time bucket. */
export const rawFeedbackKey = (bucketId: string): string =>
  `${RAW_FEEDBACK_PREFIX}bucket=${bucketId}/feedback.jsonl.gz`;

/** Prefix of erasure tombstones waiting for compaction. */
export const RAW_TOMBSTONES_PREFIX = 'raw/tombstones/';

/** Key of the erasure tombstone of one feedback id (`{ "id", "deleted_at" }` JSON). */
export const rawTombstoneKey = (feedbackId: string): string =>
  `${RAW_TOMBSTONES_PREFIX}${feedbackId}.json`;

/** Prefix of accepted metric batches of one dataset. */
export const rawMetricsPrefix = (dataset: string): string => `raw/metrics/${dataset}/`;

/** Prefix of one accepted metric batch. */
export const rawMetricBatchPrefix = (dataset: string, batchId: string): string =>
  `${rawMetricsPrefix(dataset)}batch=${batchId}/`;

/** Prefix of a curated dataset (Parquet, partitioned by month). */
export const curatedPrefix = (dataset: string): string => `curated/${dataset}/`;

/** Prefix of an indicator's published versions. */
export const publishedIndicatorPrefix = (indicatorId: string): string =>
  `published/indicators/${indicatorId}/`;

/** Key of one published file of an indicator version. */
export const publishedIndicatorKey = (
  indicatorId: string,
  version: string,
  format: 'json' | 'csv' | 'parquet',
): string => `${publishedIndicatorPrefix(indicatorId)}${version}.${format}`;

/** Key of the published DCAT catalogue. */
export const PUBLISHED_CATALOG_KEY = 'published/catalog.jsonld';

/** Key of the rows of one accepted metric batch (NDJSON, gzip, deterministic bytes). */
export const rawMetricBatchKey = (dataset: string, batchId: string): string =>
  `${rawMetricBatchPrefix(dataset, batchId)}rows.jsonl.gz`;

/** Key of a curated month partition (feedback and periodic datasets). */
export const curatedMonthKey = (dataset: string, month: string): string =>
  `${curatedPrefix(dataset)}month=${month}/data.parquet`;

/** Key of a snapshot dataset's current curated snapshot. */
export const curatedSnapshotKey = (dataset: string): string =>
  `${curatedPrefix(dataset)}current.parquet`;

/**
 * Key of the compaction state: which raw objects (key and ETag) and tombstones each curated
 * dataset was built from, and the curated objects it consists of (compute only).
 */
export const COMPACTION_STATE_KEY = 'curated/_state/compaction.json';

/** Prefix of the feedback id index (sorted id lists per month, read by erasure). */
export const FEEDBACK_ID_INDEX_PREFIX = 'curated/_index/feedback-ids/';

/** Key of the feedback id index's manifest: the months and their shard counts. */
export const FEEDBACK_ID_INDEX_MANIFEST_KEY = `${FEEDBACK_ID_INDEX_PREFIX}index.json`;

/** Key of one shard of a month's feedback id index (gzip text, one id per line, sorted). */
export const feedbackIdShardKey = (month: string, shard: number, shards: number): string =>
  `${FEEDBACK_ID_INDEX_PREFIX}month=${month}/ids-${shard}-of-${shards}.txt.gz`;

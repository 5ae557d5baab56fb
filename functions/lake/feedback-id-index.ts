import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PERIOD_PATTERN } from '../shared/period.js';

/**
 * The feedback id index: for every curated month, the ids of its ratings as sorted text lists
 * (gzip, one id per line), split into `shards` files by a hash of the id. Compaction writes it
 * beside the curated Parquet; erasure reads it with plain S3 GetObject (the feedback function
 * has no DuckDB) to tell whether a rating whose DynamoDB item expired is still in the lake.
 */
export const feedbackIdIndexManifestSchema = z.strictObject({
  format: z.literal(1),
  /** Month (`YYYY-MM`) → number of shard files of that month. */
  months: z.record(z.string().regex(PERIOD_PATTERN), z.number().int().min(1)),
});

/** The id index manifest (`curated/_index/feedback-ids/index.json`). */
export type FeedbackIdIndexManifest = z.infer<typeof feedbackIdIndexManifestSchema>;

/** Ids per shard file the index aims at (about 1 MB of text before gzip). */
export const IDS_PER_SHARD = 40_000;

/** Most shards a month is split into. */
export const MAX_SHARDS = 64;

/** The number of shards for a month holding `rows` ratings: a power of two, 1 to 64. */
export function idShardCount(rows: number): number {
  let shards = 1;
  while (shards < MAX_SHARDS && rows > shards * IDS_PER_SHARD) shards *= 2;
  return shards;
}

/**
 * The shard of an id among `shards`: the first 32 bits of the MD5 of the id, modulo `shards`.
 * DuckDB computes the same with {@link ID_SHARD_SQL}.
 */
export function idShard(id: string, shards: number): number {
  return Number.parseInt(createHash('md5').update(id).digest('hex').slice(0, 8), 16) % shards;
}

/** SQL expression of {@link idShard} over the column `id`, for `shards` shards. */
export const ID_SHARD_SQL = (shards: number): string =>
  `CAST(CAST(('0x' || left(md5(id), 8)) AS UBIGINT) % ${Math.trunc(shards)} AS INTEGER)`;

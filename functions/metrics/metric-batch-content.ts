import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { replacementKeyOf } from '../datasets/batch-states.js';
import type { AnyRow, DatasetDefinition } from '../datasets/dataset-definition.js';

/** Hex characters of a batch id (80 bits of the content hash). */
export const BATCH_ID_LENGTH = 20;

/** What a batch id looks like (lower-case hex). */
export const BATCH_ID_PATTERN = /^[0-9a-f]{20}$/;

/** A validated batch in its canonical form: what is stored and what its id is derived from. */
export interface MetricBatchContent {
  /** One canonical JSON line per row, sorted: the batch's NDJSON lines. */
  readonly lines: readonly string[];
  /** Derived from the dataset and the canonical lines: the same rows, the same id. */
  readonly batchId: string;
  /** The distinct replacement-key values of the rows, sorted (`["*"]` for a snapshot). */
  readonly replacementKeys: readonly string[];
}

/**
 * A row as one canonical JSON line: the dataset's columns in their contract order, validated
 * values as they are (numbers as numbers, booleans as booleans), a missing value as null.
 */
export function canonicalRowLine(dataset: DatasetDefinition, row: AnyRow): string {
  const ordered: Record<string, unknown> = {};
  for (const column of dataset.columns) ordered[column] = row[column] ?? null;
  return JSON.stringify(ordered);
}

/**
 * The canonical form of a validated batch. The lines are sorted, so the order of the submitted
 * rows, the CSV delimiter, the header order or JSON instead of CSV don't change the batch id;
 * the id is the first 20 hex characters of SHA-256 over a version tag, the dataset name and the
 * lines.
 */
export function metricBatchContent(
  dataset: DatasetDefinition,
  rows: readonly AnyRow[],
): MetricBatchContent {
  const lines = rows.map((row) => canonicalRowLine(dataset, row)).sort();
  const hash = createHash('sha256').update(`mirante-metric-batch/v1\u0000${dataset.name}\u0000`);
  for (const line of lines) hash.update(`${line}\n`);
  const keys = new Set<string>();
  for (const row of rows) keys.add(replacementKeyOf(row, dataset.replacementKey));
  return {
    lines,
    batchId: hash.digest('hex').slice(0, BATCH_ID_LENGTH),
    replacementKeys: [...keys].sort(),
  };
}

/**
 * The bytes of a batch object in the lake: the canonical lines as NDJSON (one `\n` after each),
 * gzip without a timestamp or file name, so the same batch always gives the same bytes.
 */
export function encodeMetricBatch(lines: readonly string[]): Buffer {
  return gzipSync(Buffer.from(lines.length > 0 ? `${lines.join('\n')}\n` : ''), { level: 6 });
}

/** SHA-256 (hex) of submitted content, as it was sent (recorded with the batch). */
export function contentSha256(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

import { gunzipSync, gzipSync } from 'node:zlib';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { metricBatchKey } from '../shared/table-keys.js';

/**
 * The record of one accepted metric batch (DynamoDB item `BATCH#<dataset>` / `BATCH#<batch id>`).
 * The rows themselves live in the lake at `rawKey`. A batch's state (current, replaced,
 * retracted) is derived from all records of its dataset by `resolveBatches` (batch-states.ts).
 */
export interface MetricBatchRecord {
  readonly dataset: string;
  /** Derived from the content (SHA-256 of dataset and rows): the same content, the same id. */
  readonly batchId: string;
  /** Lake object holding the validated rows (`raw/metrics/<dataset>/batch=<id>/rows.jsonl.gz`). */
  readonly rawKey: string;
  readonly rows: number;
  /** SHA-256 of the submitted content. */
  readonly sha256: string;
  readonly submitter: string;
  /** When the batch was first accepted. */
  readonly createdAt: string;
  /**
   * When the batch last became current (its first acceptance, or a later resubmission of the
   * same content that made it current again). The latest activation wins each replacement key.
   */
  readonly activatedAt: string;
  /**
   * The replacement-key values the batch covers: `["*"]` for a snapshot; for a periodic dataset
   * each distinct tuple of its replacement-key columns joined with `|` (e.g. `2026-10|svc-0001`).
   */
  readonly replacementKeys: readonly string[];
  /** Batches this one replaced when it was activated (for the listing and the audit trail). */
  readonly replaced: readonly string[];
  /** Set when staff retracted the batch; the next compute drops its rows. */
  readonly retractedAt?: string | undefined;
}

/**
 * Above this many replacement keys a record stores them gzipped (`replacement_keys_gz`, a binary
 * attribute holding the JSON list) instead of as a list, so that a batch covering tens of
 * thousands of (month, service) pairs stays far below DynamoDB's 400 KB item limit.
 */
export const INLINE_REPLACEMENT_KEYS_MAX = 1000;

/**
 * The table attributes (snake_case) of a batch record. Replacement keys are a list
 * (`replacement_keys`) or, beyond {@link INLINE_REPLACEMENT_KEYS_MAX}, gzipped JSON
 * (`replacement_keys_gz`); always read records through {@link batchRecordFromItem}.
 */
export function batchRecordToItem(record: MetricBatchRecord): Record<string, unknown> {
  const inline = record.replacementKeys.length <= INLINE_REPLACEMENT_KEYS_MAX;
  return {
    ...metricBatchKey(record.dataset, record.batchId),
    dataset: record.dataset,
    batch_id: record.batchId,
    raw_key: record.rawKey,
    rows: record.rows,
    sha256: record.sha256,
    submitter: record.submitter,
    created_at: record.createdAt,
    activated_at: record.activatedAt,
    ...(inline
      ? { replacement_keys: [...record.replacementKeys] }
      : {
          replacement_keys_gz: new Uint8Array(
            gzipSync(JSON.stringify(record.replacementKeys), { level: 9 }),
          ),
        }),
    replaced: [...record.replaced],
    retracted_at: record.retractedAt,
  };
}

/** Reads a batch record from its table item. */
export function batchRecordFromItem(item: Record<string, unknown>): MetricBatchRecord {
  return {
    dataset: String(item.dataset),
    batchId: String(item.batch_id),
    rawKey: String(item.raw_key),
    rows: Number(item.rows),
    sha256: String(item.sha256),
    submitter: String(item.submitter),
    createdAt: String(item.created_at),
    activatedAt: String(item.activated_at),
    replacementKeys: replacementKeysOf(item),
    replaced: Array.isArray(item.replaced) ? item.replaced.map(String) : [],
    retractedAt: typeof item.retracted_at === 'string' ? item.retracted_at : undefined,
  };
}

/** Every batch record of a dataset (one query on its partition). */
export async function listBatchRecords(
  doc: DynamoDBDocumentClient,
  tableName: string,
  dataset: string,
): Promise<MetricBatchRecord[]> {
  const out: MetricBatchRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': metricBatchKey(dataset, '').pk, ':prefix': 'BATCH#' },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) out.push(batchRecordFromItem(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

function replacementKeysOf(item: Record<string, unknown>): string[] {
  if (Array.isArray(item.replacement_keys)) return item.replacement_keys.map(String);
  if (item.replacement_keys_gz instanceof Uint8Array) {
    const list: unknown = JSON.parse(gunzipSync(item.replacement_keys_gz).toString('utf8'));
    return Array.isArray(list) ? list.map(String) : [];
  }
  return [];
}

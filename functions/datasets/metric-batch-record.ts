import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { metricBatchKey } from '../shared/table-keys.js';

/**
 * The record of one accepted metric batch (DynamoDB item `BATCH#<dataset>` / `BATCH#<batch id>`).
 * The rows themselves live in the lake at `rawKey`. A batch's state (current, replaced,
 * retracted) is derived from all records of its dataset by {@link batchStates}.
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

/** The table attributes (snake_case) of a batch record. */
export function batchRecordToItem(record: MetricBatchRecord): Record<string, unknown> {
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
    replacement_keys: [...record.replacementKeys],
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
    replacementKeys: Array.isArray(item.replacement_keys) ? item.replacement_keys.map(String) : [],
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

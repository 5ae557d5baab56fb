import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { resolveBatches } from './batch-states.js';
import { listBatchRecords } from './metric-batch-record.js';
import { readBatchRows } from './read-batch-rows.js';

/** Where a dataset's batch records and rows live. */
export interface BatchStore {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly lakeBucket: string;
}

/** The current snapshot of a snapshot dataset: the batch in force and its rows. */
export interface CurrentSnapshot {
  readonly batchId: string;
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * Reads the current snapshot of a snapshot dataset (the batch in force for `*`, per its batch
 * records): one query on the dataset's records and one read of the batch's rows. Undefined when
 * no batch is in force (nothing submitted yet, or every batch retracted).
 */
export async function readCurrentSnapshot(
  store: BatchStore,
  dataset: string,
): Promise<CurrentSnapshot | undefined> {
  const records = await listBatchRecords(store.doc, store.tableName, dataset);
  const current = resolveBatches(records).currentByKey.get('*');
  const record = records.find((r) => r.batchId === current);
  if (!record) return undefined;
  const rows = await readBatchRows(store.s3, store.lakeBucket, record.rawKey);
  return { batchId: record.batchId, rows };
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type BatchState, resolveBatches } from '../datasets/batch-states.js';
import type { DatasetDefinition } from '../datasets/dataset-definition.js';
import { listBatchRecords } from '../datasets/metric-batch-record.js';
import type { MiranteConfig } from '../shared/config.js';

/** One batch as staff see it in the listing (JSON envelope fields are camelCase). */
export interface MetricBatchSummary {
  readonly batchId: string;
  readonly dataset: string;
  readonly state: BatchState;
  readonly rows: number;
  readonly sha256: string;
  readonly submitter: string;
  readonly createdAt: string;
  readonly activatedAt: string;
  readonly retractedAt: string | null;
  /** Batches this one replaced when it was (last) activated. */
  readonly replaced: readonly string[];
  /** Distinct replacement-key values the batch covers (1 for a snapshot). */
  readonly keys: number;
  /** Of those, how many it is in force for now. */
  readonly keysInForce: number;
  /** The months the batch covers (periodic datasets; empty for a snapshot). */
  readonly months: readonly string[];
  /** Lake object holding its rows. */
  readonly rawKey: string;
}

/** What {@link listMetricBatches} needs. */
export interface ListMetricBatchesDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly config: Pick<MiranteConfig, 'tableName'>;
}

/**
 * Every batch of a dataset with its state (current, replaced, retracted), newest activation
 * first (ties: newest creation, then batch id).
 */
export async function listMetricBatches(
  deps: ListMetricBatchesDeps,
  dataset: DatasetDefinition,
): Promise<MetricBatchSummary[]> {
  const records = await listBatchRecords(deps.doc, deps.config.tableName, dataset.name);
  const resolved = resolveBatches(records);
  const periodic = dataset.kind === 'periodic';
  return records
    .map((r) => ({
      batchId: r.batchId,
      dataset: r.dataset,
      state: resolved.states.get(r.batchId) ?? 'replaced',
      rows: r.rows,
      sha256: r.sha256,
      submitter: r.submitter,
      createdAt: r.createdAt,
      activatedAt: r.activatedAt,
      retractedAt: r.retractedAt ?? null,
      replaced: r.replaced,
      keys: r.replacementKeys.length,
      keysInForce: r.retractedAt ? 0 : (resolved.keysInForce.get(r.batchId)?.length ?? 0),
      months: periodic
        ? [...new Set(r.replacementKeys.map((k) => k.split('|')[0] as string))].sort()
        : [],
      rawKey: r.rawKey,
    }))
    .sort(
      (a, b) =>
        b.activatedAt.localeCompare(a.activatedAt) ||
        b.createdAt.localeCompare(a.createdAt) ||
        a.batchId.localeCompare(b.batchId),
    );
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MiranteConfig } from '../shared/config.js';
import { ProblemError } from '../shared/problem.js';
import { metricBatchKey } from '../shared/table-keys.js';
import { BATCH_ID_PATTERN } from './metric-batch-content.js';

/** What {@link retractMetricBatch} needs. */
export interface RetractMetricBatchDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly config: Pick<MiranteConfig, 'tableName'>;
  readonly now: () => Date;
  readonly logger?: { info(message: string, fields?: Record<string, unknown>): void } | undefined;
}

/** The answer of {@link retractMetricBatch}. */
export interface RetractMetricBatchResult {
  readonly batchId: string;
  /** When the batch was (first) retracted. */
  readonly retractedAt: string;
  /** False when an earlier request had already retracted it (the call is idempotent). */
  readonly changed: boolean;
}

const notFound = (dataset: string, batchId: string) =>
  new ProblemError('not-found', { detail: `No batch ${batchId} in ${dataset}.` });

/**
 * Retracts a batch: sets `retractedAt` on its record (a conditional update: the record must
 * exist). The next compute drops its rows; where it was in force, the batch that was in force
 * before it counts again. The rows stay in the lake for the audit trail. Retracting twice keeps
 * the first time. Unknown batch → 404. Resubmitting the same content makes it current again.
 */
export async function retractMetricBatch(
  deps: RetractMetricBatchDeps,
  dataset: string,
  batchId: string,
): Promise<RetractMetricBatchResult> {
  if (!BATCH_ID_PATTERN.test(batchId)) throw notFound(dataset, batchId);
  const key = metricBatchKey(dataset, batchId);
  const retractedAt = deps.now().toISOString();
  try {
    await deps.doc.send(
      new UpdateCommand({
        TableName: deps.config.tableName,
        Key: key,
        UpdateExpression: 'SET retracted_at = :t',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(retracted_at)',
        ExpressionAttributeValues: { ':t': retractedAt },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await deps.doc.send(
      new GetCommand({ TableName: deps.config.tableName, Key: key, ConsistentRead: true }),
    );
    if (!Item) throw notFound(dataset, batchId);
    return { batchId, retractedAt: String(Item.retracted_at), changed: false };
  }
  deps.logger?.info('metric batch retracted', { dataset, batchId });
  return { batchId, retractedAt, changed: true };
}

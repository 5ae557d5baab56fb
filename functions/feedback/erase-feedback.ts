import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MiranteConfig } from '../shared/config.js';
import { rawTombstoneKey } from '../shared/lake-layout.js';
import { ProblemError } from '../shared/problem.js';
import { feedbackKey, tombstoneIndexKey, tombstoneKey } from '../shared/table-keys.js';
import { asUnavailable } from './aws-unavailable.js';
import { erasedFeedbackMarker, isErasedMarker } from './feedback-item.js';
import type { FeedbackLogger } from './feedback-logger.js';
import { FEEDBACK_ID_PATTERN } from './feedback-schema.js';
import { type FeedbackSecrets, verifyReceipt } from './receipt.js';

/** Everything `eraseFeedback` needs. */
export interface EraseFeedbackDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly config: Pick<MiranteConfig, 'tableName' | 'lakeBucket'>;
  readonly secrets: FeedbackSecrets;
  readonly now: () => Date;
  /** Whether the curated lake holds a rating with this id (after its DynamoDB item expired). */
  readonly existsInLake: (id: string) => Promise<boolean>;
  readonly logger: FeedbackLogger;
}

/** A tombstone: one erased feedback id (table item and lake object). */
export interface FeedbackTombstone {
  readonly id: string;
  /** When it was erased (UTC ISO). */
  readonly deleted_at: string;
}

/**
 * The citizen's right to erasure (`DELETE /v1/feedback/{id}` with the receipt as bearer token;
 * resolves for a 204).
 *
 * A wrong receipt, an unknown id and an id already erased all give the same 404 `not-found`;
 * the receipt is checked first, in constant time, before anything is read. Then, in this order
 * (each step is idempotent, so a retry after a 503 completes an interrupted erasure):
 * 1. the tombstone item exists → 404 (already erased);
 * 2. the rating exists: its DynamoDB item, an erased marker left by an interrupted erasure, or —
 *    after the item expired — the lake (`existsInLake`); none → 404;
 * 3. the item is replaced by an erased marker (no content, no GSI keys, no TTL), so the export
 *    never sees it and no replay of its idempotency key stores it again;
 * 4. the lake tombstone `raw/tombstones/<id>.json` is written (compaction applies it);
 * 5. the tombstone item (`tombstoneKey`, listed by `tombstoneIndexKey`, no TTL) is written under
 *    `attribute_not_exists(pk)`: it commits the erasure; a concurrent erasure that lost the
 *    race gets 404, so only one request answers 204.
 * DynamoDB or S3 unreachable → 503 `unavailable`.
 */
export async function eraseFeedback(
  deps: EraseFeedbackDeps,
  id: string,
  receipt: string | null | undefined,
): Promise<void> {
  const notFound = () =>
    new ProblemError('not-found', { detail: 'No rating with this id and receipt.' });
  if (
    !FEEDBACK_ID_PATTERN.test(id) ||
    !receipt ||
    !verifyReceipt(deps.secrets.receiptKey, id, receipt)
  ) {
    throw notFound();
  }
  const table = deps.config.tableName;
  try {
    if (await getItem(deps.doc, table, tombstoneKey(id))) throw notFound();
    const item = await getItem(deps.doc, table, feedbackKey(id));
    if (!item && !(await deps.existsInLake(id))) throw notFound();

    const deletedAt = deps.now();
    const marker = erasedFeedbackMarker(id, deletedAt);
    const tombstone: FeedbackTombstone = {
      id,
      deleted_at: item && isErasedMarker(item) ? String(item.deleted_at) : marker.deleted_at,
    };
    if (!item || !isErasedMarker(item)) {
      await deps.doc.send(new PutCommand({ TableName: table, Item: marker }));
    }
    await deps.s3.send(
      new PutObjectCommand({
        Bucket: deps.config.lakeBucket,
        Key: rawTombstoneKey(id),
        Body: JSON.stringify(tombstone),
        ContentType: 'application/json',
      }),
    );
    await deps.doc.send(
      new PutCommand({
        TableName: table,
        Item: { ...tombstoneKey(id), ...tombstoneIndexKey(tombstone.deleted_at, id), ...tombstone },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    deps.logger.info('feedback erased', { feedbackId: id });
  } catch (error) {
    if ((error as { name?: unknown }).name === 'ConditionalCheckFailedException') throw notFound();
    throw asUnavailable(error);
  }
}

async function getItem(
  doc: DynamoDBDocumentClient,
  tableName: string,
  key: { pk: string; sk: string },
): Promise<Record<string, unknown> | undefined> {
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return out.Item;
}

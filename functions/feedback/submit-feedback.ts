import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MiranteConfig } from '../shared/config.js';
import { ProblemError } from '../shared/problem.js';
import { feedbackKey } from '../shared/table-keys.js';
import { asUnavailable } from './aws-unavailable.js';
import { feedbackIdOf } from './feedback-id.js';
import {
  buildFeedbackItem,
  feedbackContentOf,
  feedbackFingerprint,
  isErasedMarker,
} from './feedback-item.js';
import type { FeedbackLogger } from './feedback-logger.js';
import type { FeedbackCreated, FeedbackRequest } from './feedback-schema.js';
import type { RateLimiter } from './rate-limiter.js';
import { type FeedbackSecrets, receiptOf } from './receipt.js';

/** Configuration the rating path reads. */
export type SubmitFeedbackConfig = Pick<
  MiranteConfig,
  'tableName' | 'bucketSeconds' | 'feedbackTtlDays' | 'timezone'
>;

/** Everything `submitFeedback` needs, passed in by the handler, the local app or a test. */
export interface SubmitFeedbackDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly config: SubmitFeedbackConfig;
  readonly secrets: FeedbackSecrets;
  readonly now: () => Date;
  /** Whether a service id is in the service catalogue. */
  readonly serviceExists: (serviceId: string) => Promise<boolean>;
  readonly limiter: RateLimiter;
  readonly logger: FeedbackLogger;
}

/** One validated rating request (`parseFeedbackRequest`) and its client's address. */
export interface SubmitFeedbackInput {
  readonly feedback: FeedbackRequest;
  readonly idempotencyKey: string;
  /** From `clientAddress()`; used only to count the rating against the limits. */
  readonly clientIp: string | undefined;
}

/** The answer: `201` with the body and `Location: /v1/feedback/{id}`, also on a replay. */
export interface SubmitFeedbackResult {
  readonly body: FeedbackCreated;
  /** True when an earlier request with the same key and body stored the rating. */
  readonly replayed: boolean;
}

/** Name of the log metric counting filled honeypots. */
export const HONEYPOT_METRIC = 'FeedbackHoneypot';

/**
 * Stores one citizen rating, exactly once per idempotency key.
 *
 * 1. A filled honeypot (`website`) gets a success-looking answer; nothing is stored or counted,
 *    the log metric `FeedbackHoneypot` is incremented.
 * 2. An unknown service → 422 `unknown-service` (the catalogue is cached in memory), before
 *    anything is counted or written.
 * 3. The rate limiter counts the rating (429 over the limits, nothing written).
 * 4. The id is derived from the idempotency key; one conditional PutItem
 *    (`attribute_not_exists(pk)`) stores the item with the fingerprint of its content. If the
 *    item exists: same fingerprint → the same `{ id, receipt, receivedAt }` (a replay); another
 *    fingerprint → 422 `idempotency-key-reused`; an erased rating → 410 `feedback-erased` (the
 *    erased marker at the key keeps a replay from storing it again).
 *
 * DynamoDB unreachable → 503 `unavailable` with `retryAfter`; the single PutItem is atomic, so
 * nothing is half-written.
 */
export async function submitFeedback(
  deps: SubmitFeedbackDeps,
  input: SubmitFeedbackInput,
): Promise<SubmitFeedbackResult> {
  const now = deps.now();
  const id = feedbackIdOf('public', input.idempotencyKey);
  const receipt = receiptOf(deps.secrets.receiptKey, id);
  if (input.feedback.website !== undefined && input.feedback.website.trim() !== '') {
    deps.logger.metric(HONEYPOT_METRIC, 1);
    deps.logger.info('feedback honeypot filled; nothing stored');
    return { body: { id, receipt, receivedAt: now.toISOString() }, replayed: false };
  }

  let known: boolean;
  try {
    known = await deps.serviceExists(input.feedback.serviceId);
  } catch (error) {
    throw asUnavailable(error);
  }
  if (!known) {
    throw new ProblemError('unknown-service', {
      detail: 'There is no service with this id in the service catalogue.',
      errors: [{ pointer: '/serviceId', detail: 'unknown service' }],
    });
  }
  await deps.limiter.consume({
    clientIp: input.clientIp,
    serviceId: input.feedback.serviceId,
    now,
  });

  const content = feedbackContentOf(input.feedback);
  const fingerprint = feedbackFingerprint(content);
  const item = buildFeedbackItem({
    id,
    content,
    receivedAt: now,
    collectedAt: now,
    fingerprint,
    bucketSeconds: deps.config.bucketSeconds,
    feedbackTtlDays: deps.config.feedbackTtlDays,
  });

  // Two rounds: an item can vanish (TTL) between a failed put and the read that follows it.
  for (let round = 0; round < 2; round++) {
    if (await putIfAbsent(deps, item)) {
      deps.logger.info('feedback stored', { serviceId: content.serviceId });
      return { body: { id, receipt, receivedAt: item.received_at }, replayed: false };
    }
    const existing = await readFeedbackItem(deps, id);
    if (existing) return { body: replayOf(existing, fingerprint, receipt), replayed: true };
  }
  throw new ProblemError('request-in-progress', {
    detail: 'Another request with this Idempotency-Key is being processed. Retry shortly.',
    retryAfter: 1,
  });
}

async function putIfAbsent(
  deps: SubmitFeedbackDeps,
  item: Record<string, unknown>,
): Promise<boolean> {
  try {
    await deps.doc.send(
      new PutCommand({
        TableName: deps.config.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: unknown }).name === 'ConditionalCheckFailedException') return false;
    throw asUnavailable(error);
  }
}

async function readFeedbackItem(
  deps: SubmitFeedbackDeps,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  try {
    const out = await deps.doc.send(
      new GetCommand({
        TableName: deps.config.tableName,
        Key: feedbackKey(id),
        ConsistentRead: true,
      }),
    );
    return out.Item;
  } catch (error) {
    throw asUnavailable(error);
  }
}

function replayOf(
  existing: Record<string, unknown>,
  fingerprint: string,
  receipt: string,
): FeedbackCreated {
  if (isErasedMarker(existing)) {
    throw new ProblemError('feedback-erased', {
      detail: 'The rating sent with this Idempotency-Key was erased; it is not stored again.',
    });
  }
  if (existing.fingerprint !== fingerprint) {
    throw new ProblemError('idempotency-key-reused', {
      detail: 'This Idempotency-Key was used with another request body. Use a new key.',
      errors: [
        { pointer: '/headers/idempotency-key', detail: 'already used with another request' },
      ],
    });
  }
  return { id: String(existing.id), receipt, receivedAt: String(existing.received_at) };
}

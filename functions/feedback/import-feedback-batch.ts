import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MiranteConfig } from '../shared/config.js';
import type { FieldError } from '../shared/problem.js';
import { feedbackKey } from '../shared/table-keys.js';
import { asUnavailable } from './aws-unavailable.js';
import { type BatchOptions, batchGetItems, batchPutItems } from './dynamo-batch.js';
import { type FeedbackBatchResult, feedbackBatchRowSchema } from './feedback-batch-schema.js';
import { feedbackIdOf } from './feedback-id.js';
import {
  buildFeedbackItem,
  type FeedbackContent,
  type FeedbackItem,
  feedbackContentOf,
  feedbackFingerprint,
  isErasedMarker,
} from './feedback-item.js';
import type { FeedbackLogger } from './feedback-logger.js';
import { fieldErrorsOf } from './field-errors.js';
import { parseFeedbackBatch, type RawFeedbackBatch } from './parse-feedback-batch.js';

/** Default age limit of `collectedAt`, in days. */
export const DEFAULT_IMPORT_WINDOW_DAYS = 400;

/** Clock skew tolerated for `collectedAt` in the future, in seconds. */
export const COLLECTED_AT_SKEW_SECONDS = 300;

/** Configuration the bulk import reads. */
export type ImportFeedbackBatchConfig = Pick<
  MiranteConfig,
  'tableName' | 'bucketSeconds' | 'feedbackTtlDays'
> & {
  /** Oldest accepted `collectedAt`, in days before now (default 400). */
  readonly importWindowDays?: number | undefined;
};

/** Everything `importFeedbackBatch` needs. */
export interface ImportFeedbackBatchDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly config: ImportFeedbackBatchConfig;
  readonly now: () => Date;
  readonly serviceExists: (serviceId: string) => Promise<boolean>;
  readonly logger: FeedbackLogger;
  /** Retry, backoff and parallelism of the batch calls. */
  readonly batch?: BatchOptions | undefined;
}

/** A bulk import request. */
export interface ImportFeedbackBatchInput extends RawFeedbackBatch {
  /** Accept `collectedAt` older than the window (the demo seed writes history). */
  readonly allowHistory?: boolean | undefined;
}

interface Candidate {
  readonly row: number;
  readonly id: string;
  readonly content: FeedbackContent;
  readonly collectedAt: Date;
  readonly fingerprint: string;
}

/**
 * Staff bulk import of ratings collected offline (`POST /v1/feedback/batch`): up to 10,000
 * rows or 5 MB, JSON array or CSV (`parseFeedbackBatch`; body-level problems are thrown).
 *
 * Each row is validated (schema, `collectedAt` not in the future nor older than the window
 * unless `allowHistory`, known service); its id is derived from its own idempotency key (import
 * scope), so resending a batch never doubles a row. BatchWriteItem can't be conditional, so the
 * ids are first read with BatchGetItem: an id already stored with the same content (or erased)
 * is a duplicate; with other content the row is rejected; rows repeating a key within the batch
 * are treated the same way. New rows are written with BatchWriteItem in chunks of 25, retrying
 * `UnprocessedItems` with backoff.
 *
 * Race (documented in docs/privacy.md and the data model): two imports of the same rows at the
 * same moment may both count them as accepted; both write the same item under the same id (the
 * later write wins, differing only in `received_at`), and the lake deduplicates by id — a row is
 * never stored twice.
 */
export async function importFeedbackBatch(
  deps: ImportFeedbackBatchDeps,
  input: ImportFeedbackBatchInput,
): Promise<FeedbackBatchResult> {
  const now = deps.now();
  const rows = parseFeedbackBatch(input);
  const rejected: { row: number; errors: FieldError[] }[] = [];
  const reject = (row: number, errors: readonly FieldError[]) =>
    rejected.push({ row, errors: [...errors] });
  const serviceChecks = new Map<string, Promise<boolean>>();
  const serviceExists = (id: string) => {
    let check = serviceChecks.get(id);
    if (!check) {
      check = deps.serviceExists(id);
      serviceChecks.set(id, check);
    }
    return check;
  };

  const windowDays = deps.config.importWindowDays ?? DEFAULT_IMPORT_WINDOW_DAYS;
  const latest = now.getTime() + COLLECTED_AT_SKEW_SECONDS * 1000;
  const earliest = now.getTime() - windowDays * 86_400_000;
  const candidates: Candidate[] = [];
  for (const raw of rows) {
    if (raw.errors) {
      reject(raw.row, raw.errors);
      continue;
    }
    const parsed = feedbackBatchRowSchema.safeParse(raw.value);
    if (!parsed.success) {
      reject(raw.row, fieldErrorsOf(parsed.error));
      continue;
    }
    const row = parsed.data;
    const collectedAt = new Date(row.collectedAt);
    if (collectedAt.getTime() > latest) {
      reject(raw.row, [{ pointer: '/collectedAt', detail: 'must not be in the future' }]);
      continue;
    }
    if (!input.allowHistory && collectedAt.getTime() < earliest) {
      reject(raw.row, [
        { pointer: '/collectedAt', detail: `must be within the last ${windowDays} days` },
      ]);
      continue;
    }
    let known: boolean;
    try {
      known = await serviceExists(row.serviceId);
    } catch (error) {
      throw asUnavailable(error);
    }
    if (!known) {
      reject(raw.row, [{ pointer: '/serviceId', detail: 'unknown service' }]);
      continue;
    }
    const content = feedbackContentOf(row);
    candidates.push({
      row: raw.row,
      id: feedbackIdOf('import', row.idempotencyKey),
      content,
      collectedAt,
      fingerprint: feedbackFingerprint(content, collectedAt.toISOString()),
    });
  }

  // Classify repeated keys within the batch: the first row with a key is the candidate.
  let duplicates = 0;
  const keyReused = (row: number) =>
    reject(row, [{ pointer: '/idempotencyKey', detail: 'already used with other content' }]);
  const unique = new Map<string, Candidate>();
  for (const c of candidates) {
    const first = unique.get(c.id);
    if (!first) unique.set(c.id, c);
    else if (first.fingerprint === c.fingerprint) duplicates++;
    else keyReused(c.row);
  }

  // Classify against the table.
  const existing = await batchGetItems(
    deps.doc,
    deps.config.tableName,
    [...unique.keys()].map((id) => ({ ...feedbackKey(id) })),
    ['id', 'fingerprint', 'deleted_at', 'service_id'],
    deps.batch,
  );
  for (const item of existing) {
    const c = unique.get(String(item.id));
    if (!c) continue;
    unique.delete(c.id);
    if (isErasedMarker(item) || item.fingerprint === c.fingerprint) duplicates++;
    else keyReused(c.row);
  }

  const items: FeedbackItem[] = [...unique.values()].map((c) =>
    buildFeedbackItem({
      id: c.id,
      content: c.content,
      receivedAt: now,
      collectedAt: c.collectedAt,
      fingerprint: c.fingerprint,
      bucketSeconds: deps.config.bucketSeconds,
      feedbackTtlDays: deps.config.feedbackTtlDays,
    }),
  );
  await batchPutItems(deps.doc, deps.config.tableName, items, deps.batch);

  rejected.sort((a, b) => a.row - b.row);
  deps.logger.info('feedback batch imported', {
    rows: rows.length,
    accepted: items.length,
    duplicates,
    rejected: rejected.length,
  });
  return { accepted: items.length, duplicates, rejected };
}

import { FEEDBACK_BATCH_MAX_ROWS } from '../feedback/feedback-batch-schema.js';
import {
  type ImportFeedbackBatchDeps,
  importFeedbackBatch,
} from '../feedback/import-feedback-batch.js';
import type { SeedRating } from './generate-ratings.js';
import type { SeedProgressListener } from './seed-progress.js';

/** What the feedback path did with the recent ratings. */
export interface RecentRatingsResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** The first rejection, to explain a seed that went wrong. */
  readonly firstRejection?: string | undefined;
}

/** A rating as a row of the staff bulk import (`POST /v1/feedback/batch`). */
function batchRow(rating: SeedRating): Record<string, unknown> {
  return {
    idempotencyKey: rating.id,
    collectedAt: rating.collected_at,
    serviceId: rating.service_id,
    rating: rating.rating,
    outcome: rating.outcome,
    channel: rating.channel,
    ...(rating.region ? { region: rating.region } : {}),
    ...(rating.reason ? { reason: rating.reason } : {}),
    ...(rating.comment ? { comment: rating.comment } : {}),
  };
}

/**
 * Loads the most recent ratings through the real feedback path: the staff bulk import
 * (`importFeedbackBatch`, with `allowHistory`) in chunks of at most 10,000 rows, so they are
 * stored in DynamoDB like any rating and the next export writes them to the lake. Each rating's
 * idempotency key is its seed id, so loading them again stores nothing twice.
 */
export async function importRecentRatings(
  deps: ImportFeedbackBatchDeps,
  ratings: readonly SeedRating[],
  onProgress?: SeedProgressListener,
): Promise<RecentRatingsResult> {
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  let firstRejection: string | undefined;
  for (let start = 0; start < ratings.length; start += FEEDBACK_BATCH_MAX_ROWS) {
    onProgress?.({
      step: 'recent',
      done: start,
      total: ratings.length,
      label: 'latest day of ratings',
    });
    const chunk = ratings.slice(start, start + FEEDBACK_BATCH_MAX_ROWS);
    const result = await importFeedbackBatch(deps, {
      contentType: 'application/json',
      body: JSON.stringify(chunk.map(batchRow)),
      allowHistory: true,
    });
    accepted += result.accepted;
    duplicates += result.duplicates;
    rejected += result.rejected.length;
    const first = result.rejected[0];
    if (first && !firstRejection) {
      firstRejection = `row ${start + first.row}: ${first.errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`;
    }
  }
  onProgress?.({
    step: 'recent',
    done: ratings.length,
    total: ratings.length,
    label: 'latest day of ratings',
  });
  return { accepted, duplicates, rejected, firstRejection };
}

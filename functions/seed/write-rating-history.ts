import type { S3Client } from '@aws-sdk/client-s3';
import { writeFeedbackBucket } from '../lake/write-feedback-bucket.js';
import { formatBucketId } from '../shared/time-bucket.js';
import { generateRatings, type SeedRating } from './generate-ratings.js';
import type { SeedProgressListener } from './seed-progress.js';

/** Options of {@link writeRatingHistory}. */
export interface RatingHistoryOptions {
  readonly seed: number;
  readonly today: Date;
  readonly timezone: string;
  readonly count: number;
  /**
   * Ratings received before this instant go to the lake as history; the later ones are returned
   * for the real feedback path.
   */
  readonly cutoff: Date;
  /** Bucket objects written at once (default 4). */
  readonly concurrency?: number;
  /** Ratings per generated chunk (default 5,000). */
  readonly chunkSize?: number;
  readonly onProgress?: SeedProgressListener;
}

/** What {@link writeRatingHistory} wrote and what it left for the feedback path. */
export interface RatingHistoryResult {
  readonly total: number;
  /** Ratings written to the lake. */
  readonly history: number;
  /** Day buckets written. */
  readonly buckets: number;
  /** The newest day bucket id written (undefined when none). */
  readonly lastBucketId: string | undefined;
  /** Ratings received at or after the cutoff, in generation order. */
  readonly recent: SeedRating[];
}

/** The seed's bucket id of a UTC day (`YYYY-MM-DD`): the id of the day's start. */
export const dayBucketId = (day: string): string => formatBucketId(new Date(`${day}T00:00:00Z`));

/**
 * Streams the demo city's ratings into the lake through the export's own writer
 * (`writeFeedbackBucket`): one object per UTC day of `received_at`, bucket id = the day's start
 * (`YYYYMMDDT000000Z`), the same deterministic bytes for the same ratings. Ratings arrive in
 * `collected_at` order and are received at or after it, so a day is complete (and written) as
 * soon as a rating collected on a later day appears: at most three days are held in memory,
 * whatever the count (10,000,000+ ratings stream in constant memory). Ratings received at or
 * after `cutoff` are returned instead of written.
 *
 * Safety against the live export (the caller's duty, see `loadDemoCity`): every id written
 * here is a day start before `cutoff`, and the caller runs the export first and checks that its
 * watermark lies after the last of them; the export writes only buckets after its watermark, so
 * it can never overwrite a seed bucket.
 */
export async function writeRatingHistory(
  deps: { readonly s3: S3Client; readonly lakeBucket: string },
  options: RatingHistoryOptions,
): Promise<RatingHistoryResult> {
  const cutoffIso = options.cutoff.toISOString();
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pendingDays = new Map<string, SeedRating[]>();
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let lastWrittenDay = '';
  let history = 0;
  let buckets = 0;
  let lastBucketId: string | undefined;
  let total = 0;
  const recent: SeedRating[] = [];

  const write = async (day: string, records: SeedRating[]) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) throw failure;
    const bucketId = dayBucketId(day);
    const task = writeFeedbackBucket(deps.s3, deps.lakeBucket, bucketId, records).then(
      () => {
        inFlight.delete(task);
      },
      (error: unknown) => {
        inFlight.delete(task);
        failure ??= error;
      },
    );
    inFlight.add(task);
    buckets++;
    history += records.length;
    lastBucketId = bucketId;
    lastWrittenDay = day;
  };
  const flushBefore = async (day: string) => {
    for (const d of [...pendingDays.keys()].sort()) {
      if (d >= day) break;
      await write(d, pendingDays.get(d) as SeedRating[]);
      pendingDays.delete(d);
    }
  };

  for (const chunk of generateRatings({
    seed: options.seed,
    today: options.today,
    timezone: options.timezone,
    count: options.count,
    chunkSize: options.chunkSize ?? 5000,
  })) {
    for (const rating of chunk) {
      if (rating.received_at >= cutoffIso) {
        recent.push(rating);
        continue;
      }
      const day = rating.received_at.slice(0, 10);
      if (day <= lastWrittenDay) {
        throw new Error(`rating ${rating.id} received on ${day}, after that day was written`);
      }
      let list = pendingDays.get(day);
      if (!list) {
        list = [];
        pendingDays.set(day, list);
      }
      list.push(rating);
    }
    total += chunk.length;
    const last = chunk[chunk.length - 1];
    // Received at or after collected, in collected order: days before this one are complete.
    if (last) await flushBefore(last.collected_at.slice(0, 10));
    options.onProgress?.({
      step: 'ratings',
      done: total,
      total: options.count,
      label: last ? last.collected_at.slice(0, 7) : '',
    });
  }
  await flushBefore('9999-12-31');
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { total, history, buckets, lastBucketId, recent };
}

import type { FeedbackState } from './compaction-state.js';
import type { LakeObject } from './lake-sync.js';
import type { RawObjects } from './raw-objects.js';

/** What a feedback compaction has to merge. */
export interface FeedbackCompactionPlan {
  /** Raw buckets not merged yet, or changed since (another ETag). */
  readonly newBuckets: readonly LakeObject[];
  /** Erased ids not applied yet. */
  readonly newTombstones: readonly string[];
  /** The merged sources still listed (raw objects that expired are dropped from the state). */
  readonly keptSources: Readonly<Record<string, string>>;
  /** Whether the state's sources lose entries (objects expired from raw/). */
  readonly sourcesPruned: boolean;
}

/**
 * Compares the listing of `raw/` with the compaction state: the buckets whose key and ETag the
 * state doesn't hold are new; the tombstones whose id it doesn't hold are new.
 */
export function planFeedbackCompaction(
  state: FeedbackState,
  raw: Pick<RawObjects, 'feedbackBuckets' | 'tombstoneIds'>,
): FeedbackCompactionPlan {
  const keptSources: Record<string, string> = {};
  const newBuckets: LakeObject[] = [];
  for (const object of raw.feedbackBuckets) {
    if (state.sources[object.key] === object.etag) keptSources[object.key] = object.etag;
    else newBuckets.push(object);
  }
  const applied = new Set(state.tombstones);
  const newTombstones = raw.tombstoneIds.filter((id) => !applied.has(id));
  const sourcesPruned = Object.keys(state.sources).length !== Object.keys(keptSources).length;
  return { newBuckets, newTombstones, keptSources, sourcesPruned };
}

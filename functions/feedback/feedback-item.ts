import { createHash } from 'node:crypto';
import { feedbackBucketIndexKey, feedbackKey } from '../shared/table-keys.js';
import { bucketIdOf } from '../shared/time-bucket.js';
import type { CHANNELS, OUTCOMES, REASONS, REGIONS } from './feedback-schema.js';
import { scrubComment } from './scrub-comment.js';

/**
 * Every attribute a feedback item may hold. Nothing else is ever stored about a rating (a test
 * lists a stored item's attribute names against this list).
 */
export const FEEDBACK_ITEM_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'id',
  'service_id',
  'rating',
  'outcome',
  'channel',
  'region',
  'reason',
  'comment',
  'received_at',
  'collected_at',
  'fingerprint',
  'ttl',
] as const;

/** The content of one rating as it is stored (comment already scrubbed), in camelCase. */
export interface FeedbackContent {
  readonly serviceId: string;
  readonly rating: number;
  readonly outcome: (typeof OUTCOMES)[number];
  readonly channel: (typeof CHANNELS)[number];
  readonly region?: (typeof REGIONS)[number] | undefined;
  readonly reason?: (typeof REASONS)[number] | undefined;
  readonly comment?: string | undefined;
}

/** A stored feedback item (snake_case, like the lake's columns). */
export type FeedbackItem = {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1pk: string;
  readonly gsi1sk: string;
  readonly id: string;
  readonly service_id: string;
  readonly rating: number;
  readonly outcome: string;
  readonly channel: string;
  readonly region?: string;
  readonly reason?: string;
  readonly comment?: string;
  readonly received_at: string;
  readonly collected_at: string;
  readonly fingerprint: string;
  readonly ttl: number;
};

/**
 * The content to store for a submitted rating: the comment is trimmed, NFC-normalised and
 * scrubbed of personal identifiers; an empty comment is dropped. Unset optional fields stay unset.
 */
export function feedbackContentOf(input: FeedbackContent): FeedbackContent {
  const comment = input.comment?.normalize('NFC').trim();
  return {
    serviceId: input.serviceId,
    rating: input.rating,
    outcome: input.outcome,
    channel: input.channel,
    ...(input.region ? { region: input.region } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(comment ? { comment: scrubComment(comment) } : {}),
  };
}

/**
 * The request fingerprint: SHA-256 (hex) of the canonical JSON (sorted keys, unset fields left
 * out) of the content as stored, plus `collectedAt` for imported rows. It is computed over the
 * scrubbed comment, so the stored hash can't be used to guess an identifier in the comment.
 */
export function feedbackFingerprint(content: FeedbackContent, collectedAt?: string): string {
  const fields: Record<string, unknown> = { ...content, ...(collectedAt ? { collectedAt } : {}) };
  const canonical = Object.keys(fields)
    .filter((k) => fields[k] !== undefined)
    .sort()
    .map((k) => [k, fields[k]]);
  return createHash('sha256')
    .update(JSON.stringify(['v1', canonical]), 'utf8')
    .digest('hex');
}

/** What a feedback item is built from. */
export interface FeedbackItemParts {
  readonly id: string;
  readonly content: FeedbackContent;
  readonly receivedAt: Date;
  /** When the rating was given; the received time for the public endpoint. */
  readonly collectedAt: Date;
  readonly fingerprint: string;
  readonly bucketSeconds: number;
  readonly feedbackTtlDays: number;
}

/**
 * Builds the stored item: keys (`feedbackKey`), the GSI keys of the export bucket the rating
 * was received in, the snake_case content, times, fingerprint and `ttl` (epoch seconds,
 * received time + `feedbackTtlDays`).
 */
export function buildFeedbackItem(parts: FeedbackItemParts): FeedbackItem {
  const { id, content } = parts;
  return {
    ...feedbackKey(id),
    ...feedbackBucketIndexKey(bucketIdOf(parts.receivedAt, parts.bucketSeconds), id),
    id,
    service_id: content.serviceId,
    rating: content.rating,
    outcome: content.outcome,
    channel: content.channel,
    ...(content.region ? { region: content.region } : {}),
    ...(content.reason ? { reason: content.reason } : {}),
    ...(content.comment ? { comment: content.comment } : {}),
    received_at: parts.receivedAt.toISOString(),
    collected_at: parts.collectedAt.toISOString(),
    fingerprint: parts.fingerprint,
    ttl: Math.floor(parts.receivedAt.getTime() / 1000) + parts.feedbackTtlDays * 86_400,
  };
}

/**
 * Attributes of the erased marker that replaces a feedback item when its author erases it. It
 * keeps the feedback key (so no replay of the idempotency key can store the rating again), has
 * no GSI keys (the export never sees it), no content and no TTL.
 */
export interface ErasedFeedbackMarker {
  readonly pk: string;
  readonly sk: string;
  readonly id: string;
  readonly deleted_at: string;
}

/** The erased marker of a feedback id. */
export const erasedFeedbackMarker = (id: string, deletedAt: Date): ErasedFeedbackMarker => ({
  ...feedbackKey(id),
  id,
  deleted_at: deletedAt.toISOString(),
});

/** Whether an item read at a feedback key is an erased marker rather than a rating. */
export const isErasedMarker = (item: Record<string, unknown>): boolean =>
  typeof item.deleted_at === 'string' && item.service_id === undefined;

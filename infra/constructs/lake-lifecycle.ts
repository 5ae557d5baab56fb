import { Duration } from 'aws-cdk-lib';
import { type LifecycleRule, StorageClass } from 'aws-cdk-lib/aws-s3';
import {
  publishedIndicatorPrefix,
  RAW_FEEDBACK_PREFIX,
  RAW_TOMBSTONES_PREFIX,
  rawMetricsPrefix,
} from '../../functions/shared/lake-layout.js';

/** The retention settings of the lake, in days (see docs/privacy.md, "Retention"). */
export interface LakeRetention {
  /** Days a noncurrent (overwritten or deleted) object version is kept. */
  readonly noncurrentVersionDays: number;
  /** Days after which accepted metric batches (raw/metrics/) move to S3 Standard-IA. */
  readonly rawInfrequentAccessDays: number;
  /** Days an exported feedback bucket (raw/feedback/) is kept; compaction runs every 15 minutes. */
  readonly rawFeedbackExpireDays: number;
  /** Days an erasure tombstone (raw/tombstones/) is kept; it must outlive every copy. */
  readonly tombstoneExpireDays: number;
}

/**
 * Days an overwritten or expired feedback export object is kept: the export rewrites an object
 * only with the same ratings (or fewer, after an erasure), so an old version has no use.
 */
export const RAW_FEEDBACK_NONCURRENT_DAYS = 1;

/** Parent of every indicator's published versions (`published/indicators/`). */
export const PUBLISHED_INDICATORS_PREFIX = publishedIndicatorPrefix('x').replace(/x\/$/, '');

/** Days after which a large published version moves to Glacier Instant Retrieval. */
export const PUBLISHED_ARCHIVE_DAYS = 30;

/**
 * Smallest published object worth archiving: Glacier Instant Retrieval bills at least 128 KiB
 * per object, so smaller ones would cost more there than in Standard.
 */
export const PUBLISHED_ARCHIVE_MIN_BYTES = 128 * 1024;

/** Prefix of every accepted metric batch (the parent of every `rawMetricsPrefix(dataset)`). */
export const RAW_METRICS_PREFIX = rawMetricsPrefix('services').replace(/services\/$/, '');

/**
 * The lake's lifecycle rules. Exported feedback buckets are compacted into curated/ within
 * minutes, so they expire after `rawFeedbackExpireDays` (their old versions a day later);
 * tombstones expire later, once no copy of the erased rating (raw object, backup) can remain —
 * compaction keeps applying every erased id after that (curated/_state/compaction.json). Metric batches are the
 * history of the programme figures and never expire; they move to Standard-IA. Large published
 * indicator versions move to Glacier Instant Retrieval after a month. Every
 * overwritten or deleted version expires after `noncurrentVersionDays`, which bounds how long
 * an erased rating survives in old versions.
 */
export function lakeLifecycleRules(r: LakeRetention): LifecycleRule[] {
  return [
    {
      id: 'expire-noncurrent-versions',
      noncurrentVersionExpiration: Duration.days(r.noncurrentVersionDays),
      expiredObjectDeleteMarker: true,
    },
    { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
    {
      id: 'expire-compacted-feedback-exports',
      prefix: RAW_FEEDBACK_PREFIX,
      expiration: Duration.days(r.rawFeedbackExpireDays),
      noncurrentVersionExpiration: Duration.days(RAW_FEEDBACK_NONCURRENT_DAYS),
    },
    {
      id: 'expire-applied-tombstones',
      prefix: RAW_TOMBSTONES_PREFIX,
      expiration: Duration.days(r.tombstoneExpireDays),
    },
    {
      // Every version stays published (receipts, /versions); old ones are rarely read, and
      // Glacier Instant Retrieval still answers a GET in milliseconds, at a sixth of the price.
      id: 'published-versions-to-glacier-ir',
      prefix: PUBLISHED_INDICATORS_PREFIX,
      objectSizeGreaterThan: PUBLISHED_ARCHIVE_MIN_BYTES,
      transitions: [
        {
          storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL,
          transitionAfter: Duration.days(PUBLISHED_ARCHIVE_DAYS),
        },
      ],
    },
    {
      id: 'metric-batches-to-infrequent-access',
      prefix: RAW_METRICS_PREFIX,
      transitions: [
        {
          storageClass: StorageClass.INFREQUENT_ACCESS,
          transitionAfter: Duration.days(r.rawInfrequentAccessDays),
        },
      ],
    },
  ];
}

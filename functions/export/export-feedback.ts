import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { FeedbackRecord } from '../lake/feedback-record.js';
import { writeFeedbackBucket } from '../lake/write-feedback-bucket.js';
import type { MiranteConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { monthOf } from '../shared/period.js';
import { feedbackDayPartition, GSI1, watermarkKey } from '../shared/table-keys.js';
import { formatBucketId, lastClosedBucketId, parseBucketId } from '../shared/time-bucket.js';

/**
 * Metric (namespace `Mirante`) the export-lag alarm watches: the age in seconds of the oldest
 * closed bucket after the watermark (not yet exported), 0 when caught up.
 */
export const EXPORT_LAG_METRIC = 'ExportLagSeconds';

/** Name of the export's watermark item. */
export const FEEDBACK_EXPORT_WATERMARK = 'feedback-export';

/** What the export needs. */
export interface ExportFeedbackDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly config: Pick<
    MiranteConfig,
    | 'tableName'
    | 'lakeBucket'
    | 'bucketSeconds'
    | 'bucketGraceSeconds'
    | 'feedbackTtlDays'
    | 'timezone'
  >;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** What one export run did. */
export interface ExportFeedbackResult {
  /** Bucket ids written to the lake in this run. */
  readonly buckets: readonly string[];
  /** Ratings written. */
  readonly rows: number;
  /** The watermark after the run: the newest bucket exported (or known empty). */
  readonly watermark: string | undefined;
}

const DAY_MS = 86_400_000;

/**
 * Exports the feedback of every closed time bucket after the watermark to the lake, one object per
 * non-empty bucket under a deterministic key. The watermark moves only after every write it
 * covers has succeeded (day by day), so a failure loses nothing and a re-run rewrites identical
 * objects.
 */
export async function exportFeedback(deps: ExportFeedbackDeps): Promise<ExportFeedbackResult> {
  const { doc, config, logger } = deps;
  const now = deps.now();
  const target = lastClosedBucketId(now, config.bucketSeconds, config.bucketGraceSeconds);
  const watermark = await readWatermark(doc, config.tableName);
  const bucketMs = config.bucketSeconds * 1000;
  const firstStart = watermark
    ? parseBucketId(watermark).getTime() + bucketMs
    : now.getTime() - (config.feedbackTtlDays + 1) * DAY_MS;
  const targetStart = parseBucketId(target).getTime();
  if (firstStart > targetStart) {
    logger.metric(EXPORT_LAG_METRIC, 0);
    return { buckets: [], rows: 0, watermark };
  }

  const written: string[] = [];
  let rows = 0;
  let current = watermark;
  try {
    for (let dayStart = startOfUtcDay(firstStart); dayStart <= targetStart; dayStart += DAY_MS) {
      const from = formatBucketId(new Date(Math.max(dayStart, firstStart)));
      const dayLastBucket = Math.min(targetStart, dayStart + DAY_MS - bucketMs);
      const to = formatBucketId(new Date(dayLastBucket));
      const byBucket = await readDay(doc, config, from, to);
      for (const [bucketId, records] of [...byBucket].sort(([a], [b]) => (a < b ? -1 : 1))) {
        await writeFeedbackBucket(deps.s3, config.lakeBucket, bucketId, records);
        written.push(bucketId);
        rows += records.length;
      }
      await writeWatermark(doc, config.tableName, to, now);
      current = to;
    }
  } finally {
    // Reported after every run, a failed one too, for the alarm that watches it.
    const pendingStart = current ? parseBucketId(current).getTime() + bucketMs : firstStart;
    logger.metric(
      EXPORT_LAG_METRIC,
      current !== undefined && current >= target
        ? 0
        : Math.max(0, Math.round((now.getTime() - pendingStart - bucketMs) / 1000)),
    );
  }
  if (written.length > 0) {
    logger.info('feedback exported', { buckets: written.length, rows, watermark: current });
  }
  return { buckets: written, rows, watermark: current };
}

async function readDay(
  doc: DynamoDBDocumentClient,
  config: ExportFeedbackDeps['config'],
  fromBucket: string,
  toBucket: string,
): Promise<Map<string, FeedbackRecord[]>> {
  const byBucket = new Map<string, FeedbackRecord[]>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: config.tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': feedbackDayPartition(fromBucket),
          ':from': fromBucket,
          ':to': `${toBucket}#\uffff`,
        },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const bucketId = String(item.gsi1sk).split('#')[0] as string;
      const list = byBucket.get(bucketId) ?? [];
      list.push(toRecord(item, config.timezone));
      byBucket.set(bucketId, list);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return byBucket;
}

function toRecord(item: Record<string, unknown>, timezone: string): FeedbackRecord {
  const collectedAt = String(item.collected_at ?? item.received_at);
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  return {
    id: String(item.id),
    service_id: String(item.service_id),
    rating: Number(item.rating),
    outcome: String(item.outcome),
    channel: String(item.channel),
    region: str(item.region),
    reason: str(item.reason),
    comment: str(item.comment),
    received_at: String(item.received_at),
    collected_at: collectedAt,
    month: monthOf(collectedAt, timezone),
  };
}

/** Reads the export watermark (the newest bucket already exported), if any. */
export async function readWatermark(
  doc: DynamoDBDocumentClient,
  tableName: string,
  name = FEEDBACK_EXPORT_WATERMARK,
): Promise<string | undefined> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tableName, Key: watermarkKey(name) }),
  );
  return typeof Item?.bucket_id === 'string' ? Item.bucket_id : undefined;
}

async function writeWatermark(
  doc: DynamoDBDocumentClient,
  tableName: string,
  bucketId: string,
  now: Date,
): Promise<void> {
  await doc
    .send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...watermarkKey(FEEDBACK_EXPORT_WATERMARK),
          bucket_id: bucketId,
          updated_at: now.toISOString(),
        },
        // Never move backwards, even if two runs overlap.
        ConditionExpression: 'attribute_not_exists(bucket_id) OR bucket_id <= :b',
        ExpressionAttributeValues: { ':b': bucketId },
      }),
    )
    .catch((error: unknown) => {
      // Another run already moved the watermark further: nothing to do.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

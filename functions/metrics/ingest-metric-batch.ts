import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, NotFound, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { resolveBatches } from '../datasets/batch-states.js';
import type { AnyRow, DatasetDefinition } from '../datasets/dataset-definition.js';
import {
  batchRecordToItem,
  listBatchRecords,
  type MetricBatchRecord,
} from '../datasets/metric-batch-record.js';
import type { MiranteConfig } from '../shared/config.js';
import { rawMetricBatchKey } from '../shared/lake-layout.js';
import { ProblemError } from '../shared/problem.js';
import { metricBatchKey } from '../shared/table-keys.js';
import { encodeMetricBatch, metricBatchContent } from './metric-batch-content.js';

/** What {@link ingestMetricBatch} needs. */
export interface IngestMetricBatchDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly config: Pick<MiranteConfig, 'tableName' | 'lakeBucket'>;
  readonly now: () => Date;
  readonly logger?: { info(message: string, fields?: Record<string, unknown>): void } | undefined;
}

/** A validated batch to store. */
export interface IngestMetricBatchInput {
  readonly dataset: DatasetDefinition;
  /** Rows already validated (`parseMetricsBody`, `assertMetricReferences`); at least one. */
  readonly rows: readonly AnyRow[];
  /** SHA-256 (hex) of the content as submitted. */
  readonly sha256: string;
  /** Who submitted it (the staff subject, `s3:<principal>`, `mirante-seed`). */
  readonly submitter: string;
}

/**
 * What happened to a submitted batch: stored as a new batch; the same content was already the
 * batch in force for all its keys (nothing written); or the same content had been replaced or
 * retracted since and is in force again (its record re-activated, nothing else written).
 */
export type IngestOutcome = 'created' | 'unchanged' | 'reactivated';

/** The answer of {@link ingestMetricBatch}. */
export interface IngestMetricBatchResult {
  readonly dataset: string;
  readonly batchId: string;
  readonly rows: number;
  readonly outcome: IngestOutcome;
  /** Batches that were in force for some of this batch's keys and no longer are. */
  readonly replaced: readonly string[];
  readonly rawKey: string;
  readonly activatedAt: string;
}

const MAX_ATTEMPTS = 5;

/**
 * Most distinct replacement-key values one batch may cover: its record (keys gzipped, ≈2.6
 * bytes each) must stay well below DynamoDB's 400 KB item limit.
 */
export const MAX_REPLACEMENT_KEYS = 100_000;

/**
 * Stores a validated metric batch atomically: first its rows under the deterministic lake key
 * `raw/metrics/<dataset>/batch=<id>/rows.jsonl.gz` (canonical NDJSON, gzip, same bytes for the
 * same rows), then its batch record in DynamoDB with a conditional put on the new id — the
 * record is the commit point: a batch without a record is never read.
 *
 * The batch id comes from the content, so resubmitting the same rows (in any order, as CSV or
 * JSON) finds the existing record: while that batch is in force for all its keys nothing is
 * written (`unchanged`); if another batch replaced it since, or it was retracted, its record is
 * re-activated (`reactivated`: `activatedAt` moves to now, `retractedAt` is cleared, the batches
 * it displaces are added to `replaced`) — a staff member undoing a bad correction.
 *
 * Activation times are strictly increasing within a dataset (at least 1 ms after the latest
 * one), so the latest submission always wins its keys, even within one millisecond. A
 * concurrent write to the same record is detected by condition and retried.
 */
export async function ingestMetricBatch(
  deps: IngestMetricBatchDeps,
  input: IngestMetricBatchInput,
): Promise<IngestMetricBatchResult> {
  const { dataset } = input;
  if (input.rows.length === 0) {
    throw new ProblemError('unprocessable-content', {
      detail: `The batch has no rows; nothing to store in ${dataset.name}.`,
    });
  }
  const content = metricBatchContent(dataset, input.rows);
  if (content.replacementKeys.length > MAX_REPLACEMENT_KEYS) {
    throw new ProblemError('unprocessable-content', {
      detail: `The batch covers ${content.replacementKeys.length} distinct (${dataset.replacementKey.join(', ')}) values; at most ${MAX_REPLACEMENT_KEYS} fit in one batch. Split it, e.g. by month.`,
    });
  }
  const { batchId } = content;
  const rawKey = rawMetricBatchKey(dataset.name, batchId);
  const { tableName, lakeBucket } = deps.config;
  const result = (outcome: IngestOutcome, replaced: readonly string[], activatedAt: string) => {
    deps.logger?.info('metric batch ingested', {
      dataset: dataset.name,
      batchId,
      rows: content.lines.length,
      outcome,
      replaced: replaced.length,
    });
    return {
      dataset: dataset.name,
      batchId,
      rows: content.lines.length,
      outcome,
      replaced,
      rawKey,
      activatedAt,
    };
  };

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const records = await listBatchRecords(deps.doc, tableName, dataset.name);
    const resolved = resolveBatches(records);
    const existing = records.find((r) => r.batchId === batchId);
    const now = deps.now();
    const activatedAt = nextActivation(records, now);
    const displaced = [
      ...new Set(
        content.replacementKeys
          .map((key) => resolved.currentByKey.get(key))
          .filter((id): id is string => id !== undefined && id !== batchId),
      ),
    ].sort();

    if (existing) {
      const inForce = resolved.keysInForce.get(batchId)?.length ?? 0;
      if (!existing.retractedAt && inForce === existing.replacementKeys.length) {
        return result('unchanged', [], existing.activatedAt);
      }
      await ensureRawObject(deps.s3, lakeBucket, rawKey, content.lines);
      const replaced = [...new Set([...existing.replaced, ...displaced])];
      try {
        await deps.doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: metricBatchKey(dataset.name, batchId),
            UpdateExpression: 'SET activated_at = :a, replaced = :r REMOVE retracted_at',
            ConditionExpression: 'activated_at = :previous',
            ExpressionAttributeValues: {
              ':a': activatedAt,
              ':r': replaced,
              ':previous': existing.activatedAt,
            },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) continue;
        throw error;
      }
      return result('reactivated', displaced, activatedAt);
    }

    await deps.s3.send(
      new PutObjectCommand({
        Bucket: lakeBucket,
        Key: rawKey,
        Body: encodeMetricBatch(content.lines),
        ContentType: 'application/gzip',
      }),
    );
    const record: MetricBatchRecord = {
      dataset: dataset.name,
      batchId,
      rawKey,
      rows: content.lines.length,
      sha256: input.sha256,
      submitter: input.submitter,
      createdAt: now.toISOString(),
      activatedAt,
      replacementKeys: content.replacementKeys,
      replaced: displaced,
    };
    try {
      await deps.doc.send(
        new PutCommand({
          TableName: tableName,
          Item: batchRecordToItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // The same content was stored concurrently: the next pass finds its record.
      if (error instanceof ConditionalCheckFailedException) continue;
      throw error;
    }
    return result('created', displaced, activatedAt);
  }
  throw new ProblemError('conflict', {
    detail: `Other submissions to ${dataset.name} kept changing its batches; retry the same batch.`,
    retryAfter: 1,
  });
}

/** The activation time of a new activation: now, or 1 ms after the dataset's latest one. */
function nextActivation(records: readonly MetricBatchRecord[], now: Date): string {
  let latest = Number.NEGATIVE_INFINITY;
  for (const r of records) latest = Math.max(latest, Date.parse(r.activatedAt));
  return new Date(Math.max(now.getTime(), latest + 1)).toISOString();
}

/** Writes a batch's rows again if its lake object is gone (e.g. expired by a lifecycle rule). */
async function ensureRawObject(
  s3: S3Client,
  bucket: string,
  key: string,
  lines: readonly string[],
): Promise<void> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if (!(error instanceof NotFound) && (error as { name?: string }).name !== 'NotFound') {
      throw error;
    }
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: encodeMetricBatch(lines),
        ContentType: 'application/gzip',
      }),
    );
  }
}

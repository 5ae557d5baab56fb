import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listObjects } from '../../../functions/compute/lake-sync.js';
import { exportFeedback, readWatermark } from '../../../functions/export/export-feedback.js';
import { createRateLimiter } from '../../../functions/feedback/rate-limiter.js';
import { submitFeedback } from '../../../functions/feedback/submit-feedback.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import { RAW_FEEDBACK_PREFIX } from '../../../functions/shared/lake-layout.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import { watermarkKey } from '../../../functions/shared/table-keys.js';
import { formatBucketId } from '../../../functions/shared/time-bucket.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';
import { curatedRows, runCompute, stopS3AfterPut } from '../compute/compute-fixtures.js';

const START = new Date('2025-05-06T14:00:00.000Z');

let stack: TestStack;
let submitted = 0;

async function submit(count: number, from: Date): Promise<void> {
  const limiter = createRateLimiter({
    doc: stack.clients.doc,
    tableName: stack.config.tableName,
    ipSalt: 'salt',
  });
  for (let i = 0; i < count; i++) {
    submitted++;
    await submitFeedback(
      {
        doc: stack.clients.doc,
        config: stack.config,
        secrets: stack.secrets,
        // Six seconds apart: each rating in its own 5-second bucket.
        now: () => new Date(from.getTime() + i * 6000),
        serviceExists: async () => true,
        limiter,
        logger: silentLogger,
      },
      {
        feedback: { serviceId: 'svc-0001', rating: 4, outcome: 'completed', channel: 'web' },
        idempotencyKey: `export-fault-${submitted}`,
        clientIp: undefined,
      },
    );
  }
}

const exportAt = (now: Date) =>
  exportFeedback({
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    config: stack.config,
    now: () => now,
    logger: silentLogger,
  });
const rawKeys = async () =>
  (await listObjects(stack.clients.s3, stack.config.lakeBucket, RAW_FEEDBACK_PREFIX)).map(
    (o) => o.key,
  );

/** Exports with S3 stopped after the first bucket is written; returns whether the export failed. */
async function exportThroughOutage(now: Date): Promise<boolean> {
  const trap = stopS3AfterPut(stack, (key) => key.startsWith(RAW_FEEDBACK_PREFIX));
  let failed = false;
  try {
    await exportAt(now).catch(() => {
      failed = true;
    });
  } finally {
    trap.release();
    await stack.restartS3();
  }
  expect(trap.tripped()).toBeDefined();
  return failed;
}

async function feedbackItemsInDynamoDb(): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.clients.doc.send(
      new ScanCommand({
        TableName: stack.config.tableName,
        FilterExpression: 'begins_with(pk, :p) AND attribute_exists(rating)',
        ExpressionAttributeValues: { ':p': 'FEEDBACK#' },
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => stack.close());

describe('an S3 outage in the middle of the export', () => {
  it('leaves the watermark where it was; the next run catches up; the lake counts what DynamoDB holds', async () => {
    await submit(5, START);
    expect(await exportThroughOutage(new Date(START.getTime() + 60_000))).toBe(true);
    // The watermark may pass the empty days before, never the bucket whose write failed.
    const stalled = await readWatermark(stack.clients.doc, stack.config.tableName);
    expect(stalled === undefined || stalled < formatBucketId(START)).toBe(true);

    const first = await exportAt(new Date(START.getTime() + 60_000));
    expect(first.rows).toBe(5);
    expect(await rawKeys()).toHaveLength(5);
    const watermark = await readWatermark(stack.clients.doc, stack.config.tableName);
    expect(watermark).toBe(first.watermark);

    await submit(4, new Date(START.getTime() + 120_000));
    expect(await exportThroughOutage(new Date(START.getTime() + 180_000))).toBe(true);
    expect(await readWatermark(stack.clients.doc, stack.config.tableName)).toBe(watermark);
    expect((await exportAt(new Date(START.getTime() + 180_000))).rows).toBe(4);

    const indicators = (await loadIndicators('queries', { minCellFloor: 10 })).filter(
      (d) => d.metadata.id === 'feedback-volume',
    );
    await runCompute(stack, indicators, { now: new Date(START.getTime() + 200_000) });
    expect(await curatedRows(stack, 'feedback')).toHaveLength(await feedbackItemsInDynamoDb());
    expect(await feedbackItemsInDynamoDb()).toBe(9);
  });

  it('rewrites identical objects when run again from an older watermark', async () => {
    const before = await listObjects(
      stack.clients.s3,
      stack.config.lakeBucket,
      RAW_FEEDBACK_PREFIX,
    );
    await stack.clients.doc.send(
      new DeleteCommand({
        TableName: stack.config.tableName,
        Key: watermarkKey('feedback-export'),
      }),
    );
    const again = await exportAt(new Date(START.getTime() + 240_000));
    expect(again.rows).toBe(9);
    expect(
      await listObjects(stack.clients.s3, stack.config.lakeBucket, RAW_FEEDBACK_PREFIX),
    ).toEqual(before);
  });
});

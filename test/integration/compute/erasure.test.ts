import { gunzipSync } from 'node:zlib';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFeedback } from '../../../functions/export/export-feedback.js';
import { eraseFeedback } from '../../../functions/feedback/erase-feedback.js';
import { createRateLimiter } from '../../../functions/feedback/rate-limiter.js';
import { submitFeedback } from '../../../functions/feedback/submit-feedback.js';
import type { IndicatorDefinition } from '../../../functions/indicators/indicator-metadata.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import { feedbackExistsInLake } from '../../../functions/lake/feedback-exists-in-lake.js';
import {
  FEEDBACK_ID_INDEX_MANIFEST_KEY,
  feedbackIdShardKey,
} from '../../../functions/shared/lake-layout.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import { feedbackKey } from '../../../functions/shared/table-keys.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';
import {
  cell,
  curatedRows,
  publishedDocument,
  readObject,
  runCompute,
} from './compute-fixtures.js';

const SUBMITTED = new Date('2025-03-14T12:00:00.000Z');
const LATER = new Date('2025-03-14T12:10:00.000Z');
const MONTH = '2025-03';

let stack: TestStack;
let indicators: IndicatorDefinition[];
const submitted: { id: string; receipt: string }[] = [];

const exists = (id: string) => feedbackExistsInLake(stack.clients.s3, stack.config.lakeBucket, id);
const erase = (i: number, at: Date = LATER) =>
  eraseFeedback(
    {
      doc: stack.clients.doc,
      s3: stack.clients.s3,
      config: stack.config,
      secrets: stack.secrets,
      now: () => at,
      existsInLake: exists,
      logger: silentLogger,
    },
    submitted[i]!.id,
    submitted[i]!.receipt,
  );
const compute = () => runCompute(stack, indicators, { now: LATER });
const exportNow = (now: Date) =>
  exportFeedback({
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    config: stack.config,
    now: () => now,
    logger: silentLogger,
  });
const ratingsInMarch = async () =>
  cell((await publishedDocument(stack, 'user-satisfaction'))!, MONTH)?.n ?? null;

beforeAll(async () => {
  stack = await startTestStack();
  indicators = (await loadIndicators('queries', { minCellFloor: 10 })).filter(
    (d) => d.metadata.id === 'user-satisfaction',
  );
  const limiter = createRateLimiter({
    doc: stack.clients.doc,
    tableName: stack.config.tableName,
    ipSalt: 'salt',
  });
  for (let i = 0; i < 14; i++) {
    const { body } = await submitFeedback(
      {
        doc: stack.clients.doc,
        config: stack.config,
        secrets: stack.secrets,
        now: () => new Date(SUBMITTED.getTime() + i * 1000),
        serviceExists: async () => true,
        limiter,
        logger: silentLogger,
      },
      {
        feedback: {
          serviceId: 'svc-0001',
          rating: 1 + (i % 5),
          outcome: 'completed',
          channel: 'web',
        },
        idempotencyKey: `erasure-test-${i}`,
        clientIp: undefined,
      },
    );
    submitted.push({ id: body.id, receipt: body.receipt });
  }
  await exportNow(LATER);
});
afterAll(async () => stack.close());

describe('erasure', () => {
  it('removes a rating from curated/ and every aggregate at the next compute', async () => {
    await compute();
    expect(await ratingsInMarch()).toBe(14);
    await erase(0);
    await compute();
    expect(await ratingsInMarch()).toBe(13);
    const ids = (await curatedRows(stack, 'feedback', 'id')).map((r) => r.id);
    expect(ids).toHaveLength(13);
    expect(ids).not.toContain(submitted[0]!.id);
  });

  it('finds a rating that lives only in the lake, erases it, and then no longer finds it', async () => {
    const { id } = submitted[1]!;
    // The DynamoDB item expired (TTL): only the lake knows the rating.
    await stack.clients.doc.send(
      new DeleteCommand({ TableName: stack.config.tableName, Key: feedbackKey(id) }),
    );
    expect(await exists(id)).toBe(true);
    expect(await exists('a'.repeat(26))).toBe(false);
    await erase(1);
    await compute();
    expect(await ratingsInMarch()).toBe(12);
    expect(await exists(id)).toBe(false);
    const manifest = JSON.parse(
      await readObject(stack.clients.s3, stack.config.lakeBucket, FEEDBACK_ID_INDEX_MANIFEST_KEY),
    ) as { months: Record<string, number> };
    expect(manifest.months).toEqual({ [MONTH]: 1 });
    const shard = await stack.clients.s3.send(
      new GetObjectCommand({
        Bucket: stack.config.lakeBucket,
        Key: feedbackIdShardKey(MONTH, 0, 1),
      }),
    );
    const lines = gunzipSync(await shard.Body!.transformToByteArray())
      .toString('utf8')
      .trim()
      .split('\n');
    expect(lines).toEqual(
      submitted
        .slice(2)
        .map((s) => s.id)
        .sort(),
    );
  });

  it('applies a tombstone to a rating exported but not yet compacted', async () => {
    const limiter = createRateLimiter({
      doc: stack.clients.doc,
      tableName: stack.config.tableName,
      ipSalt: 'salt',
    });
    const at = new Date('2025-03-14T12:20:00.000Z');
    const { body } = await submitFeedback(
      {
        doc: stack.clients.doc,
        config: stack.config,
        secrets: stack.secrets,
        now: () => at,
        serviceExists: async () => true,
        limiter,
        logger: silentLogger,
      },
      {
        feedback: { serviceId: 'svc-0001', rating: 5, outcome: 'completed', channel: 'app' },
        idempotencyKey: 'late-one',
        clientIp: undefined,
      },
    );
    await exportNow(new Date('2025-03-14T12:30:00.000Z'));
    submitted.push({ id: body.id, receipt: body.receipt });
    await erase(submitted.length - 1, new Date('2025-03-14T12:31:00.000Z'));
    const result = await compute();
    expect(result.compaction.compacted).toEqual(['feedback']);
    expect(await ratingsInMarch()).toBe(12);
    expect((await curatedRows(stack, 'feedback')).map((r) => r.id)).not.toContain(body.id);
  });

  it('does not find anything before the first compaction wrote an index', async () => {
    const empty = await startTestStack();
    try {
      expect(
        await feedbackExistsInLake(empty.clients.s3, empty.config.lakeBucket, 'b'.repeat(26)),
      ).toBe(false);
    } finally {
      await empty.close();
    }
  });
});

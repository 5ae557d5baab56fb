import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseFeedback } from '../../../functions/feedback/erase-feedback.js';
import { feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import { importFeedbackBatch } from '../../../functions/feedback/import-feedback-batch.js';
import { createRateLimiter } from '../../../functions/feedback/rate-limiter.js';
import { receiptOf } from '../../../functions/feedback/receipt.js';
import { submitFeedback } from '../../../functions/feedback/submit-feedback.js';
import { ProblemError } from '../../../functions/shared/problem.js';
import {
  closedPort,
  dynamoClients,
  type EmbeddedLake,
  type EmbeddedTable,
  recordingLogger,
  startEmbeddedLake,
  startEmbeddedTable,
} from './embedded-servers.js';

const SECRETS = { receiptKey: 'k' };
const NOW = new Date('2025-03-14T12:00:00Z');
const CONFIG = {
  tableName: 'mirante-feedback-test',
  bucketSeconds: 60,
  feedbackTtlDays: 90,
  timezone: 'UTC',
};
const FEEDBACK = { serviceId: 'alvara', rating: 3, outcome: 'completed', channel: 'web' } as const;

let table: EmbeddedTable;
let lake: EmbeddedLake;
let down: ReturnType<typeof dynamoClients>;

beforeAll(async () => {
  [table, lake] = await Promise.all([startEmbeddedTable(CONFIG.tableName), startEmbeddedLake()]);
  down = dynamoClients(`http://127.0.0.1:${await closedPort()}`, 1);
});
afterAll(async () => {
  down.dynamo.destroy();
  await Promise.all([table.close(), lake.close()]);
});

async function expectUnavailable(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  expect((error as ProblemError).kind).toBe('unavailable');
  expect((error as ProblemError).status).toBe(503);
  expect((error as ProblemError).options.retryAfter).toBeGreaterThan(0);
}

describe('DynamoDB unreachable', () => {
  const limiterOn = (doc: typeof down.doc) =>
    createRateLimiter({ doc, tableName: CONFIG.tableName, ipSalt: 's' });
  const submitDeps = (doc: typeof down.doc, limiterDoc: typeof down.doc) => ({
    doc,
    config: CONFIG,
    secrets: SECRETS,
    now: () => NOW,
    serviceExists: async () => true,
    limiter: limiterOn(limiterDoc),
    logger: recordingLogger(),
  });

  it('the limiter answers 503', async () => {
    await expectUnavailable(
      limiterOn(down.doc).consume({ clientIp: '192.0.2.1', serviceId: 'alvara', now: NOW }),
    );
  });

  it('a rating answers 503 and nothing is written', async () => {
    await expectUnavailable(
      submitFeedback(submitDeps(down.doc, table.doc), {
        feedback: FEEDBACK,
        idempotencyKey: 'k-1',
        clientIp: '192.0.2.1',
      }),
    );
    const items = await table.scanAll();
    expect(items.filter((i) => String(i.pk).startsWith('FEEDBACK#'))).toHaveLength(0);
    // The retry with the same key, once DynamoDB is back, stores the rating.
    const out = await submitFeedback(submitDeps(table.doc, table.doc), {
      feedback: FEEDBACK,
      idempotencyKey: 'k-1',
      clientIp: '192.0.2.1',
    });
    expect(out.replayed).toBe(false);
  });

  it('an erasure answers 503', async () => {
    const id = feedbackIdOf('public', 'k-1');
    await expectUnavailable(
      eraseFeedback(
        {
          doc: down.doc,
          s3: lake.s3,
          config: { tableName: CONFIG.tableName, lakeBucket: lake.bucket },
          secrets: SECRETS,
          now: () => NOW,
          existsInLake: async () => false,
          logger: recordingLogger(),
        },
        id,
        receiptOf(SECRETS.receiptKey, id),
      ),
    );
  });

  it('a bulk import answers 503', async () => {
    await expectUnavailable(
      importFeedbackBatch(
        {
          doc: down.doc,
          config: CONFIG,
          now: () => NOW,
          serviceExists: async () => true,
          logger: recordingLogger(),
        },
        {
          contentType: 'application/json',
          body: JSON.stringify([
            { idempotencyKey: 'b-1', collectedAt: '2025-03-14T10:00:00Z', ...FEEDBACK },
          ]),
        },
      ),
    );
  });
});

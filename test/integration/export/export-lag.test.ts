import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_LAG_METRIC, exportFeedback } from '../../../functions/export/export-feedback.js';
import { createRateLimiter } from '../../../functions/feedback/rate-limiter.js';
import { submitFeedback } from '../../../functions/feedback/submit-feedback.js';
import { createAwsClients, LOCAL_CREDENTIALS } from '../../../functions/shared/aws-clients.js';
import { createLogger, silentLogger } from '../../../functions/shared/logger.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';

// The export reports its lag (the metric the export-lag alarm watches) after every run: 0 once
// caught up, the age of the oldest unexported closed bucket when a run fails.

const RECEIVED = new Date('2025-05-06T14:00:02.000Z');
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
  await submitFeedback(
    {
      doc: stack.clients.doc,
      config: stack.config,
      secrets: stack.secrets,
      now: () => RECEIVED,
      serviceExists: async () => true,
      limiter: createRateLimiter({
        doc: stack.clients.doc,
        tableName: stack.config.tableName,
        ipSalt: 'salt',
      }),
      logger: silentLogger,
    },
    {
      feedback: { serviceId: 'svc-0001', rating: 5, outcome: 'completed', channel: 'web' },
      idempotencyKey: 'export-lag-1',
      clientIp: undefined,
    },
  );
});

afterAll(async () => {
  await stack?.close();
});

function recordingLogger() {
  const lags: number[] = [];
  const logger = createLogger({
    service: 'export',
    write: (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (EXPORT_LAG_METRIC in entry) lags.push(Number(entry[EXPORT_LAG_METRIC]));
    },
  });
  return { logger, lags };
}

describe('export lag metric', () => {
  it('reports how far the watermark lags when the lake is unreachable', async () => {
    const { logger, lags } = recordingLogger();
    const unreachable = createAwsClients({
      region: 'us-east-1',
      s3Endpoint: 'http://127.0.0.1:9',
      credentials: { ...LOCAL_CREDENTIALS },
      maxAttempts: 1,
    });
    const tenMinutesLater = new Date(RECEIVED.getTime() + 600_000);
    await expect(
      exportFeedback({
        doc: stack.clients.doc,
        s3: unreachable.s3,
        config: stack.config,
        now: () => tenMinutesLater,
        logger,
      }),
    ).rejects.toThrow();
    expect(lags).toHaveLength(1);
    // The empty days before moved the watermark to the end of 2025-05-05; the day holding the
    // rating failed, so its first bucket (ended 00:00:05) is the oldest closed one not exported.
    const firstPendingEnd = Date.parse('2025-05-06T00:00:05.000Z');
    expect(lags[0]).toBe(Math.round((tenMinutesLater.getTime() - firstPendingEnd) / 1000));
  });

  it('reports 0 once every closed bucket is in the lake', async () => {
    const { logger, lags } = recordingLogger();
    const result = await exportFeedback({
      doc: stack.clients.doc,
      s3: stack.clients.s3,
      config: stack.config,
      now: () => new Date(RECEIVED.getTime() + 600_000),
      logger,
    });
    expect(result.rows).toBe(1);
    expect(lags).toEqual([0]);
  });
});

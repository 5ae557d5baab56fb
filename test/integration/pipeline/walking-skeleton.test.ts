import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApp } from '../../../cli/create-local-app.js';
import { runLocalCompute, runLocalExport } from '../../../cli/local-pipeline.js';
import { QUERIES_DIR } from '../../../cli/project-paths.js';
import { serveApp } from '../../../cli/serve.js';
import { ORIGIN_VERIFY_HEADER } from '../../../functions/feedback/origin-verify.js';
import type { IndicatorDefinition } from '../../../functions/indicators/indicator-metadata.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import { submitMetricBatch } from '../../../functions/metrics/submit-metric-batch.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import { monthOf } from '../../../functions/shared/period.js';
import { startTestStack, TEST_ORIGIN_VERIFY, type TestStack } from '../../support/test-stack.js';

// The thin slice of issue #2, end to end through real code: ratings posted over HTTP to the local
// app (embedded DynamoDB and S3), the export's time buckets, DuckDB compute, the published result
// served by the API — compared with a value computed here from the posted ratings.

const STAFF_TOKEN = 'walking-skeleton-staff-token';
const SERVICES = ['svc-a', 'svc-b'];

let stack: TestStack;
let base: string;
let close: () => Promise<void>;
let indicators: IndicatorDefinition[];

beforeAll(async () => {
  // One-second buckets closed as soon as they end, so a test waits about a second, not minutes.
  stack = await startTestStack({ MIRANTE_BUCKET_SECONDS: '1', MIRANTE_BUCKET_GRACE_SECONDS: '0' });
  await submitMetricBatch(
    { doc: stack.clients.doc, s3: stack.clients.s3, config: stack.config, now: () => new Date() },
    {
      dataset: 'services',
      contentType: 'text/csv',
      submitter: 'test',
      body: `service_id,name_pt,name_en,category,digital_level\n${SERVICES.map((s) => `${s},Serviço ${s},Service ${s},documentos,full`).join('\n')}\n`,
    },
  );
  const app = createLocalApp({
    stack,
    logger: silentLogger,
    staffToken: STAFF_TOKEN,
    manifestTtlMs: 0,
  });
  const served = await serveApp(app, 0, '127.0.0.1');
  base = `http://127.0.0.1:${served.port}`;
  close = served.close;
  indicators = (await loadIndicators(QUERIES_DIR, { minCellFloor: 10 })).filter(
    (d) => d.metadata.id === 'user-satisfaction',
  );
});

afterAll(async () => {
  await close?.();
  await stack?.close();
});

/** Posts ratings over HTTP, each from its own client address so no limit interferes. */
async function postRatings(ratings: readonly number[], offset: number): Promise<void> {
  for (const [i, rating] of ratings.entries()) {
    const response = await fetch(`${base}/v1/feedback`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `walking-skeleton-${offset + i}`,
        'cloudfront-viewer-address': `198.51.100.${(offset + i) % 250}:443`,
        // As CloudFront sends it: without it the viewer address is not believed.
        [ORIGIN_VERIFY_HEADER]: TEST_ORIGIN_VERIFY,
      },
      body: JSON.stringify({
        serviceId: SERVICES[i % 2],
        rating,
        outcome: 'completed',
        channel: 'web',
        region: 'pampulha',
      }),
    });
    expect(response.status).toBe(201);
  }
}

/** Waits for the current one-second bucket to close, then exports and computes. */
async function exportAndCompute(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await runLocalExport(stack, silentLogger);
  const result = await runLocalCompute(stack, indicators, silentLogger);
  expect(result.outcomes.map((o) => o.status)).not.toContain('failed');
}

async function cityTotal(): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}/v1/indicators/user-satisfaction`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data: Record<string, unknown>[] };
  const month = monthOf(new Date(), stack.config.timezone);
  const total = body.data.find(
    (r) => r.period === month && r.service_id === '_T' && r.channel === '_T' && r.region === '_T',
  );
  expect(total).toBeDefined();
  return total as Record<string, unknown>;
}

describe('walking skeleton: POST → DynamoDB → export → compute → GET', () => {
  const first = Array.from({ length: 40 }, (_, i) => ((i * 7) % 5) + 1);
  const second = [5, 5, 4, 1, 2, 5, 5, 3, 4, 5, 1, 5];

  it('publishes the GDS score and n of the posted ratings', async () => {
    await postRatings(first, 0);
    const stored = await stack.clients.doc.send(
      new ScanCommand({
        TableName: stack.config.tableName,
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': 'FEEDBACK#' },
      }),
    );
    expect(stored.Items).toHaveLength(first.length);

    await exportAndCompute();
    const total = await cityTotal();
    const mean = first.reduce((a, b) => a + b, 0) / first.length;
    expect(total.n).toBe(first.length);
    expect(total.value as number).toBeCloseTo((mean - 1) / 4, 10);
    expect(total.share_4_5 as number).toBeCloseTo(
      (100 * first.filter((r) => r >= 4).length) / first.length,
      10,
    );
    expect(total.status).toBe('p');
  });

  it('a new rating changes n after the next export and compute', async () => {
    await postRatings(second, 1000);
    await exportAndCompute();
    const total = await cityTotal();
    const all = [...first, ...second];
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    expect(total.n).toBe(all.length);
    expect(total.value as number).toBeCloseTo((mean - 1) / 4, 10);
  });

  it('re-running export and compute publishes nothing new', async () => {
    const before = await (await fetch(`${base}/v1/indicators/user-satisfaction`)).json();
    await exportAndCompute();
    const after = await (await fetch(`${base}/v1/indicators/user-satisfaction`)).json();
    expect((after as { receipt: { version: string } }).receipt.version).toBe(
      (before as { receipt: { version: string } }).receipt.version,
    );
  });
});

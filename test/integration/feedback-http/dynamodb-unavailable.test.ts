import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApp } from '../../../cli/create-local-app.js';
import { receiptOf } from '../../../functions/feedback/receipt.js';
import type { MiranteEnv } from '../../../functions/http/create-base-app.js';
import {
  type AwsClients,
  createAwsClients,
  LOCAL_CREDENTIALS,
} from '../../../functions/shared/aws-clients.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import { closedPort } from '../feedback/embedded-servers.js';
import {
  expectProblem,
  type FeedbackHttpHarness,
  jsonHeaders,
  MINIMAL_BODY,
  RAISED_LIMITS,
  SERVICES,
  STAFF_TOKEN,
  startFeedbackHttp,
} from './feedback-http-harness.js';

let h: FeedbackHttpHarness;
let down: AwsClients;
let app: OpenAPIHono<MiranteEnv>;
let baseUrl: string;

beforeAll(async () => {
  h = await startFeedbackHttp();
  down = createAwsClients({
    region: h.stack.config.region,
    dynamodbEndpoint: `http://127.0.0.1:${await closedPort()}`,
    s3Endpoint: h.stack.endpoints.s3,
    credentials: { ...LOCAL_CREDENTIALS },
    maxAttempts: 1,
  });
  // The same stack, but its DynamoDB clients point at a closed port.
  app = createLocalApp({
    stack: { ...h.stack, clients: down },
    logger: silentLogger,
    staffToken: STAFF_TOKEN,
    feedbackLimits: RAISED_LIMITS,
  });
  baseUrl = await h.serve(app);
});
afterAll(async () => {
  down?.dynamo.destroy();
  down?.s3.destroy();
  await h?.close();
});

describe('DynamoDB unreachable', () => {
  it('a rating answers 503 problem+json with Retry-After, nothing written; a retry stores it once', async () => {
    const send = () =>
      app.request('/v1/feedback', {
        method: 'POST',
        headers: jsonHeaders('outage-1'),
        body: JSON.stringify(MINIMAL_BODY),
      });
    await expectProblem(await send(), 503, 'unavailable', { retryAfter: true });
    await expectProblem(
      await fetch(`${baseUrl}/v1/feedback`, {
        method: 'POST',
        headers: jsonHeaders('outage-1'),
        body: JSON.stringify(MINIMAL_BODY),
      }),
      503,
      'unavailable',
      { retryAfter: true },
    );
    expect(await h.feedbackItems()).toEqual([]);

    // DynamoDB is back: the client retries with the same key.
    const retried = await h.app.request('/v1/feedback', {
      method: 'POST',
      headers: jsonHeaders('outage-1'),
      body: JSON.stringify(MINIMAL_BODY),
    });
    expect(retried.status).toBe(201);
    expect(await h.feedbackItems()).toHaveLength(1);
  });

  it('bad input still gets its 4xx, before DynamoDB is needed', async () => {
    await expectProblem(
      await app.request('/v1/feedback', {
        method: 'POST',
        headers: jsonHeaders('outage-2'),
        body: '{',
      }),
      400,
      'invalid-json',
    );
  });

  it('an erasure answers 503', async () => {
    const created = (await (
      await h.app.request('/v1/feedback', {
        method: 'POST',
        headers: jsonHeaders('outage-erase'),
        body: JSON.stringify(MINIMAL_BODY),
      })
    ).json()) as { id: string; receipt: string };
    expect(created.receipt).toBe(receiptOf(h.stack.secrets.receiptKey, created.id));
    const res = await app.request(`/v1/feedback/${created.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${created.receipt}` },
    });
    await expectProblem(res, 503, 'unavailable', { retryAfter: true });
    expect((await h.feedbackItems()).find((i) => i.id === created.id)?.service_id).toBe(
      MINIMAL_BODY.serviceId,
    );
  });

  it('a bulk import answers 503', async () => {
    const res = await app.request('/v1/feedback/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_TOKEN}` },
      body: JSON.stringify([
        {
          idempotencyKey: 'outage-batch-1',
          collectedAt: new Date(Date.now() - 60_000).toISOString(),
          serviceId: SERVICES[0],
          rating: 3,
          outcome: 'failed',
          channel: 'phone',
        },
      ]),
    });
    await expectProblem(res, 503, 'unavailable', { retryAfter: true });
  });
});

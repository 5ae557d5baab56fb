import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { expect } from 'vitest';
import { createLocalApp } from '../../../cli/create-local-app.js';
import { serveApp } from '../../../cli/serve.js';
import { ORIGIN_VERIFY_HEADER } from '../../../functions/feedback/origin-verify.js';
import type { RateLimits } from '../../../functions/feedback/rate-limiter.js';
import type { MiranteEnv } from '../../../functions/http/create-base-app.js';
import { createLogger } from '../../../functions/shared/logger.js';
import { PROBLEM_BASE, type ProblemBody } from '../../../functions/shared/problem.js';
import { putServicesBatch } from '../../support/put-services-batch.js';
import { startTestStack, TEST_ORIGIN_VERIFY, type TestStack } from '../../support/test-stack.js';

/** Services in the catalogue of every harness. */
export const SERVICES = ['iptu-2-via', 'matricula-escolar', 'alvara-funcionamento'] as const;

/** Staff token of the harness's app. */
export const STAFF_TOKEN = 'staff-token-for-http-tests-0123456789';

/** Limits high enough that no test meets them unless it means to. */
export const RAISED_LIMITS: Partial<RateLimits> = {
  perClientPerMinute: 1_000_000,
  perServicePerMinute: 1_000_000,
};

/** A valid rating body with every optional field (the honeypot left out). */
export const FULL_BODY = {
  serviceId: 'iptu-2-via',
  rating: 4,
  outcome: 'completed',
  channel: 'telecentro',
  region: 'venda-nova',
  reason: 'ease_of_use',
  comment: 'Meu CPF é 529.982.247-25, e-mail maria@example.com, fone (31) 99876-5432.',
} as const;

/** The smallest valid rating body. */
export const MINIMAL_BODY = {
  serviceId: 'iptu-2-via',
  rating: 5,
  outcome: 'completed',
  channel: 'web',
} as const;

/** The local app over a throwaway stack, its captured log lines, and helpers. */
export interface FeedbackHttpHarness {
  readonly stack: TestStack;
  /** The local app with raised feedback limits. */
  readonly app: OpenAPIHono<MiranteEnv>;
  /** Every line the app's logger wrote (debug level and up). */
  readonly logLines: string[];
  /** Another local app over the same stack (e.g. with the default limits). */
  appWith(limits?: Partial<RateLimits>): OpenAPIHono<MiranteEnv>;
  /** Serves an app over real HTTP on a free loopback port; closed with the harness. */
  serve(app?: OpenAPIHono<MiranteEnv>): Promise<string>;
  /** Every feedback item (pk `FEEDBACK#…`) of the table, erased markers included. */
  feedbackItems(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Starts a stack, makes {@link SERVICES} the service catalogue and builds the local app. */
export async function startFeedbackHttp(): Promise<FeedbackHttpHarness> {
  const stack = await startTestStack();
  await putServicesBatch(
    {
      clients: stack.clients,
      tableName: stack.config.tableName,
      lakeBucket: stack.config.lakeBucket,
    },
    SERVICES,
  );
  const logLines: string[] = [];
  const logger = createLogger({
    service: 'feedback-http-test',
    level: 'debug',
    write: (line) => logLines.push(line),
  });
  const appWith = (limits?: Partial<RateLimits>) =>
    createLocalApp({
      stack,
      logger,
      staffToken: STAFF_TOKEN,
      ...(limits ? { feedbackLimits: limits } : {}),
    });
  const app = appWith(RAISED_LIMITS);
  const servers: { close(): Promise<void> }[] = [];
  return {
    stack,
    app,
    logLines,
    appWith,
    async serve(served = app) {
      const server = await serveApp(served, 0, '127.0.0.1');
      servers.push(server);
      return `http://127.0.0.1:${server.port}`;
    },
    async feedbackItems() {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await stack.clients.doc.send(
          new ScanCommand({
            TableName: stack.config.tableName,
            FilterExpression: 'begins_with(pk, :p)',
            ExpressionAttributeValues: { ':p': 'FEEDBACK#' },
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        items.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      await stack.close();
    },
  };
}

/**
 * The headers CloudFront adds to a request from `viewer` (`ip:port`): the viewer's address and
 * the origin-verify value of the test stack, without which the address is not believed.
 */
export const viaCloudFront = (viewer: string): Record<string, string> => ({
  'cloudfront-viewer-address': viewer,
  [ORIGIN_VERIFY_HEADER]: TEST_ORIGIN_VERIFY,
});

/** Headers of a JSON rating request with an idempotency key. */
export const jsonHeaders = (
  key: string | undefined,
  extra: Record<string, string> = {},
): Record<string, string> => ({
  'content-type': 'application/json',
  ...(key === undefined ? {} : { 'idempotency-key': key }),
  ...extra,
});

/**
 * Asserts a response is an RFC 9457 problem of the given class and status (with `Retry-After`
 * when asked) and returns its body.
 */
export async function expectProblem(
  res: Response,
  status: number,
  kind: string,
  options: { retryAfter?: boolean } = {},
): Promise<ProblemBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as ProblemBody;
  expect(body.type).toBe(`${PROBLEM_BASE}${kind}`);
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  if (options.retryAfter) {
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  }
  return body;
}

/** The field pointers of a problem's `errors`. */
export const pointersOf = (problem: ProblemBody): string[] =>
  (problem.errors ?? []).map((e) => e.pointer);

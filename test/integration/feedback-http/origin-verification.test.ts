import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApp } from '../../../cli/create-local-app.js';
import { ORIGIN_VERIFY_HEADER } from '../../../functions/feedback/origin-verify.js';
import type { MiranteEnv } from '../../../functions/http/create-base-app.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import { TEST_ORIGIN_VERIFY } from '../../support/test-stack.js';
import {
  expectProblem,
  type FeedbackHttpHarness,
  jsonHeaders,
  MINIMAL_BODY,
  SERVICES,
  startFeedbackHttp,
  viaCloudFront,
} from './feedback-http-harness.js';

// A caller that reaches the HTTP API directly (not through CloudFront) can send any
// CloudFront-Viewer-Address. Before the origin-verify header, each forged address was a client
// of its own, so forging spread one caller's ratings past the per-client limits. Now the
// address is believed only next to the secret value CloudFront adds, and a direct caller is counted by
// the address its request came from.

let h: FeedbackHttpHarness;

beforeAll(async () => {
  h = await startFeedbackHttp();
});

afterAll(async () => {
  await h?.close();
});

/** The per-service limit of the default limits: 30 ratings of one service per client a minute. */
const PER_SERVICE = 30;

/** Waits, if needed, so that a burst fits in the current one-minute counting window. */
async function awaitRoomInWindow(): Promise<void> {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 48_000) await new Promise((r) => setTimeout(r, 60_100 - intoWindow));
}

/** The `i`-th made-up viewer address of a burst. */
const forged = (block: number, i: number) => `198.51.${block}.${i + 1}:${40_000 + i}`;

/**
 * Posts `count` ratings of one service as API Gateway delivers them (its `sourceIp` in the Lambda
 * event), each with its own CloudFront-Viewer-Address and the given extra headers.
 */
async function burst(
  app: OpenAPIHono<MiranteEnv>,
  options: {
    readonly sourceIp: string;
    readonly prefix: string;
    readonly block: number;
    readonly extra?: (i: number) => Record<string, string>;
    readonly count?: number;
  },
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < (options.count ?? PER_SERVICE + 10); i++) {
    const res = await app.request(
      '/v1/feedback',
      {
        method: 'POST',
        headers: jsonHeaders(`${options.prefix}-${i}`, {
          'cloudfront-viewer-address': forged(options.block, i),
          ...options.extra?.(i),
        }),
        body: JSON.stringify(MINIMAL_BODY),
      },
      { event: { requestContext: { http: { sourceIp: options.sourceIp } } } },
    );
    if (res.status === 429) {
      await expectProblem(res, 429, 'too-many-requests', { retryAfter: true });
    } else {
      await res.arrayBuffer();
    }
    statuses.push(res.status);
  }
  return statuses;
}

const LIMITED = [...Array(PER_SERVICE).fill(201), ...Array(10).fill(429)];

describe('POST /v1/feedback called directly, with forged CloudFront-Viewer-Address', () => {
  it('counts every forged address against the one real source address (429 after 30)', async () => {
    const app = h.appWith();
    await awaitRoomInWindow();
    const statuses = await burst(app, { sourceIp: '203.0.113.10', prefix: 'direct', block: 1 });
    expect(statuses).toEqual(LIMITED);
    // Another source address is another client: not affected by the first one's burst.
    expect(
      await burst(app, { sourceIp: '203.0.113.11', prefix: 'other', block: 1, count: 1 }),
    ).toEqual([201]);
  });

  it('through CloudFront (the origin-verify value present) the same addresses are distinct clients', async () => {
    // What any caller could do before: each viewer address its own client, none limited.
    const app = h.appWith();
    await awaitRoomInWindow();
    const statuses = await burst(app, {
      sourceIp: '130.176.0.1', // a CloudFront edge: one source for many viewers
      prefix: 'via-cloudfront',
      block: 2,
      extra: () => ({ [ORIGIN_VERIFY_HEADER]: TEST_ORIGIN_VERIFY }),
    });
    expect(statuses).toEqual(Array(PER_SERVICE + 10).fill(201));
    // And one viewer through CloudFront is still limited on its own.
    const one = await burst(app, {
      sourceIp: '130.176.0.2',
      prefix: 'one-viewer',
      block: 3,
      extra: () => viaCloudFront('192.0.2.77:443'),
    });
    expect(one).toEqual(LIMITED);
  });

  it('a wrong or guessed origin-verify value is no better than none, and is logged without addresses', async () => {
    const app = h.appWith();
    await awaitRoomInWindow();
    const guesses = (i: number) => ({
      [ORIGIN_VERIFY_HEADER]: i % 2 ? `${TEST_ORIGIN_VERIFY}x` : `guess-${i}`,
    });
    const logStart = h.logLines.length;
    const statuses = await burst(app, {
      sourceIp: '203.0.113.20',
      prefix: 'guessing',
      block: 4,
      extra: guesses,
    });
    expect(statuses).toEqual(LIMITED);
    const logs = h.logLines.slice(logStart).join('\n');
    expect(logs).toContain('origin-verify header did not match');
    for (const secret of ['203.0.113.20', '198.51.4.', 'guess-', TEST_ORIGIN_VERIFY]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('without a configured version (the local default) the viewer address is never believed', async () => {
    const { originVerifyVersion: _unused, ...withoutOriginVerify } = h.stack.secrets;
    const app = createLocalApp({
      stack: { ...h.stack, secrets: withoutOriginVerify },
      logger: silentLogger,
      staffToken: 'unused-staff-token-0123456789',
    });
    await awaitRoomInWindow();
    const statuses = await burst(app, {
      sourceIp: '203.0.113.30',
      prefix: 'unconfigured',
      block: 5,
      extra: () => ({ [ORIGIN_VERIFY_HEADER]: TEST_ORIGIN_VERIFY }),
    });
    expect(statuses).toEqual(LIMITED);
  });
});

describe('POST /avaliar (the no-JavaScript form) over HTTP, with forged addresses', () => {
  it('counts a direct caller by its socket address', async () => {
    const url = await h.serve(h.appWith({ perClientPerMinute: 5, perServicePerMinute: 5 }));
    await awaitRoomInWindow();
    const send = (i: number, extra: Record<string, string> = {}) =>
      fetch(`${url}/avaliar`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'cloudfront-viewer-address': forged(6, i),
          ...extra,
        },
        body: new URLSearchParams({
          serviceId: SERVICES[1],
          rating: '3',
          outcome: 'completed',
          channel: 'web',
          idempotencyKey: `form-direct-${i}`,
        }).toString(),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await send(i);
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    // Through CloudFront, a new viewer from the same socket is its own client.
    const viaEdge = await send(6, viaCloudFront('192.0.2.200:443'));
    await viaEdge.arrayBuffer();
    expect(viaEdge.status).toBe(201);
  });
});

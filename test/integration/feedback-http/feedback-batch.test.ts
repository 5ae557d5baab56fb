import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackDeps } from '../../../functions/feedback/create-feedback-deps.js';
import { feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import { registerFeedbackRoutes } from '../../../functions/feedback/feedback-routes.js';
import { createBaseApp } from '../../../functions/http/create-base-app.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import {
  expectProblem,
  type FeedbackHttpHarness,
  SERVICES,
  STAFF_TOKEN,
  startFeedbackHttp,
} from './feedback-http-harness.js';

let h: FeedbackHttpHarness;
let baseUrl: string;

beforeAll(async () => {
  h = await startFeedbackHttp();
  baseUrl = await h.serve();
});
afterAll(async () => h?.close());

const collectedAt = () => new Date(Date.now() - 3 * 86_400_000).toISOString();
const row = (i: number, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: `kiosk-3-${i}`,
  collectedAt: collectedAt(),
  serviceId: SERVICES[i % SERVICES.length],
  rating: (i % 5) + 1,
  outcome: 'completed',
  channel: 'telecentro',
  region: 'barreiro',
  ...extra,
});

const postBatch = (body: string, headers: Record<string, string>) =>
  h.app.request('/v1/feedback/batch', { method: 'POST', headers, body });
const staff = (contentType = 'application/json') => ({
  'content-type': contentType,
  authorization: `Bearer ${STAFF_TOKEN}`,
});

interface BatchReport {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: { row: number; errors: { pointer: string; detail: string }[] }[];
}

describe('POST /v1/feedback/batch', () => {
  it('answers 401 without a token and with a wrong one, storing nothing', async () => {
    const body = JSON.stringify([row(0)]);
    await expectProblem(
      await postBatch(body, { 'content-type': 'application/json' }),
      401,
      'unauthorized',
    );
    await expectProblem(
      await postBatch(body, { ...staff(), authorization: `Bearer ${STAFF_TOKEN}x` }),
      401,
      'unauthorized',
    );
    await expectProblem(
      await postBatch(body, { ...staff(), authorization: `Basic ${STAFF_TOKEN}` }),
      401,
      'unauthorized',
    );
    expect(await h.feedbackItems()).toEqual([]);
  });

  it('answers 403 for a signed-in account outside the staff group (AWS claims)', async () => {
    // The Lambda wiring: staff identity from the JWT claims API Gateway validated.
    const app = createBaseApp(silentLogger);
    registerFeedbackRoutes(
      app,
      createFeedbackDeps({
        clients: h.stack.clients,
        config: h.stack.config,
        secrets: h.stack.secrets,
        logger: silentLogger,
        staffAuth: { kind: 'jwt-claims', group: 'staff' },
        services: { has: async () => true, list: async () => [] },
        existsInLake: async () => false,
      }),
    );
    const eventWith = (claims: Record<string, unknown> | undefined) => ({
      event: { requestContext: { authorizer: claims ? { jwt: { claims } } : undefined } },
    });
    const send = (claims: Record<string, unknown> | undefined) =>
      app.request(
        '/v1/feedback/batch',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify([row(0)]),
        },
        eventWith(claims),
      );
    await expectProblem(await send(undefined), 401, 'unauthorized');
    await expectProblem(
      await send({ sub: 'citizen-1', 'cognito:groups': '[citizens]' }),
      403,
      'forbidden',
    );
    expect(await h.feedbackItems()).toEqual([]);
  });

  it('stores valid rows and reports duplicates and rejected rows by number', async () => {
    const rows = [
      row(1),
      row(2),
      row(2), // the same row twice: a duplicate
      row(3, { rating: 9 }),
      row(4, { serviceId: 'no-such-service' }),
      row(5, { collectedAt: new Date(Date.now() + 86_400_000).toISOString() }),
      row(6, { protoMarker: 'x' }),
      row(1, { rating: 1 }), // key of row 1 with other content
      row(7, { comment: 'ligue 31 99876-5432' }),
    ];
    const body = JSON.stringify(rows).replace('"protoMarker":"x"', '"__proto__":"y"');
    expect(body).toContain('"__proto__":"y"');
    const res = await postBatch(body, staff());
    expect(res.status).toBe(200);
    const report = (await res.json()) as BatchReport;
    expect(report.accepted).toBe(3);
    expect(report.duplicates).toBe(1);
    expect(report.rejected.map((r) => [r.row, r.errors[0]?.pointer])).toEqual([
      [4, '/rating'],
      [5, '/serviceId'],
      [6, '/collectedAt'],
      [7, '/__proto__'],
      [8, '/idempotencyKey'],
    ]);
    const items = await h.feedbackItems();
    expect(items.map((i) => i.id).sort()).toEqual(
      ['kiosk-3-1', 'kiosk-3-2', 'kiosk-3-7'].map((k) => feedbackIdOf('import', k)).sort(),
    );
    expect(items.find((i) => i.id === feedbackIdOf('import', 'kiosk-3-7'))?.comment).toBe(
      'ligue [phone]',
    );
  });

  it('counts a resend as duplicates (nothing doubled), also over HTTP as CSV', async () => {
    const before = (await h.feedbackItems()).length;
    const rows = Array.from({ length: 60 }, (_, i) => row(100 + i));
    const first = await postBatch(JSON.stringify(rows), staff());
    expect(await first.json()).toEqual({ accepted: 60, duplicates: 0, rejected: [] });

    const columns = Object.keys(rows[0]!) as (keyof ReturnType<typeof row>)[];
    const csv = [
      columns.join(';'),
      ...rows.map((r) => columns.map((c) => String(r[c])).join(';')),
    ].join('\n');
    const again = await fetch(`${baseUrl}/v1/feedback/batch`, {
      method: 'POST',
      headers: staff('text/csv; charset=utf-8'),
      body: csv,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 60, rejected: [] });
    expect(await h.feedbackItems()).toHaveLength(before + 60);
  });

  it('refuses bad bodies as a whole with problem+json', async () => {
    await expectProblem(await postBatch('[', staff()), 400, 'invalid-json');
    await expectProblem(await postBatch('{}', staff()), 400, 'validation');
    await expectProblem(await postBatch('[]', staff()), 400, 'validation');
    await expectProblem(await postBatch('a,b', staff('text/plain')), 415, 'unsupported-media-type');
    const tooMany = JSON.stringify(Array.from({ length: 10_001 }, () => 0));
    await expectProblem(await postBatch(tooMany, staff()), 413, 'payload-too-large');
  });
});

describe('POST /v1/feedback/batch over HTTP', () => {
  it('answers 413 to a body over 5 MB without reading all of it', async () => {
    const chunk = new TextEncoder().encode(`${JSON.stringify(row(0))},`.repeat(4000));
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('['));
      },
      pull(controller) {
        if (pulled++ >= 2000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${baseUrl}/v1/feedback/batch`, {
      method: 'POST',
      headers: staff(),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, 'payload-too-large');
    expect(pulled * chunk.length).toBeLessThan(100 * 1024 * 1024);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_METRICS_BODY_BYTES } from '../../../functions/datasets/parse-metrics-body.js';
import { type MetricsHarness, startMetricsHarness, TOKEN } from './metrics-harness.js';

const REACH = 'month,region,unique_users,sessions\n2024-03,norte,31000,180000\n';

let h: MetricsHarness;
beforeAll(async () => {
  h = await startMetricsHarness();
});
afterAll(async () => h.close());

async function problem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body.type).toBe(`https://mirante.dev/problems/${type}`);
  return body;
}

describe('staff auth', () => {
  it('answers 401 without a token or with a wrong one, before anything else', async () => {
    await problem(await h.post('wifi-reach', REACH, 'text/csv', {}), 401, 'unauthorized');
    await problem(
      await h.post('wifi-reach', REACH, 'text/csv', { Authorization: 'Bearer nope' }),
      401,
      'unauthorized',
    );
    await problem(
      await h.post('wifi-reach', REACH, 'text/csv', { Authorization: `Basic ${TOKEN}` }),
      401,
      'unauthorized',
    );
    // Unknown dataset and wrong media type are not revealed before authentication.
    await problem(await h.post('nope', REACH, 'text/plain', {}), 401, 'unauthorized');
    for (const path of ['/v1/metrics/wifi-reach/batches', '/v1/metrics/wifi-reach/batches/x']) {
      await problem(await h.app.request(path), 401, 'unauthorized');
      await problem(await h.app.request(path, { method: 'DELETE' }), 401, 'unauthorized');
    }
    expect(await h.keys()).toEqual([]);
  });

  it('answers 403 to a signed-in account outside the staff group (JWT claims on AWS)', async () => {
    const aws = await startMetricsHarness({ kind: 'jwt-claims', group: 'staff' });
    try {
      const request = (groups: string) =>
        aws.app.request(
          '/v1/metrics/wifi-reach',
          { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: REACH },
          {
            event: {
              requestContext: {
                authorizer: { jwt: { claims: { sub: 'u-1', 'cognito:groups': groups } } },
              },
            },
          },
        );
      await problem(await request('[analysts]'), 403, 'forbidden');
      const ok = await request('[analysts staff]');
      expect(ok.status).toBe(201);
      const items = await aws.batchItems('wifi-reach');
      expect(items[0]?.submitter).toBe('u-1');
      await problem(await aws.app.request('/v1/metrics/wifi-reach/batches'), 401, 'unauthorized');
    } finally {
      await aws.close();
    }
  });
});

describe('bad input', () => {
  it('404 for an unknown dataset', async () => {
    const body = await problem(await h.post('wifi', REACH), 404, 'not-found');
    expect(body.detail).toContain('wifi-hotspots');
    await problem(await h.get('/v1/metrics/wifi/batches'), 404, 'not-found');
  });

  it('415 for another media type or charset', async () => {
    await problem(await h.post('wifi-reach', REACH, 'text/plain'), 415, 'unsupported-media-type');
    await problem(
      await h.post('wifi-reach', REACH, 'text/csv; charset=windows-1252'),
      415,
      'unsupported-media-type',
    );
    await problem(
      await h.post(
        'wifi-reach',
        REACH,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
      415,
      'unsupported-media-type',
    );
  });

  it('413 over 5 MB, whether announced or streamed', async () => {
    const big = `${REACH}${'x'.repeat(MAX_METRICS_BODY_BYTES)}`;
    await problem(await h.post('wifi-reach', big), 413, 'payload-too-large');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const chunk = new Uint8Array(1024 * 1024).fill(0x61);
        for (let i = 0; i < 6; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await h.app.request('/v1/metrics/wifi-reach', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${TOKEN}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await problem(res, 413, 'payload-too-large');
  });

  it('422 for an empty body, a header without rows, and JSON without rows', async () => {
    await problem(await h.post('wifi-reach', ''), 422, 'unprocessable-content');
    await problem(await h.post('wifi-reach', '\r\n  \n'), 422, 'unprocessable-content');
    await problem(
      await h.post('wifi-reach', 'month,region,unique_users,sessions\n'),
      422,
      'unprocessable-content',
    );
    await problem(await h.post('wifi-reach', '', 'application/json'), 422, 'unprocessable-content');
    await problem(
      await h.post('wifi-reach', '{"rows":[]}', 'application/json'),
      422,
      'unprocessable-content',
    );
    await problem(await h.post('wifi-reach', '{"rows":', 'application/json'), 400, 'invalid-json');
  });

  it('422 naming missing and extra header columns', async () => {
    const body = await problem(
      await h.post('wifi-reach', 'month,regiao,unique_users,sessions,notes\n2024-03,norte,1,1,x\n'),
      422,
      'unprocessable-content',
    );
    expect(body.missingColumns).toEqual(['region']);
    expect(body.extraColumns).toEqual(['regiao', 'notes']);
    expect(body.detail).toContain('missing columns: region');
    expect(body.detail).toContain('unexpected columns: regiao, notes');
  });

  it('nothing is written by any of these', async () => {
    expect(await h.keys()).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('documents one POST per dataset, the batch routes and their problems', async () => {
    const doc = (await (await h.app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; security?: unknown }>
      >;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    for (const name of ['services', 'wifi-hotspots', 'course-certifications']) {
      const post = doc.paths[`/v1/metrics/${name}`]?.post;
      expect(post?.security).toEqual([{ staff: [] }]);
      expect(Object.keys(post?.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '201', '401', '403', '413', '415', '422']),
      );
    }
    expect(doc.paths['/v1/metrics/{dataset}/batches']?.get).toBeDefined();
    expect(doc.paths['/v1/metrics/{dataset}/batches/{batchId}']?.delete).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('MetricBatchAccepted');
    expect(doc.components.schemas).toHaveProperty('WifiHotspotsBatch');
    expect(doc.components.securitySchemes).toHaveProperty('staff');
  });
});

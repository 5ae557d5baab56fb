import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MetricsHarness,
  monthAgo,
  servicesCsv,
  startMetricsHarness,
} from './metrics-harness.js';

interface Listed {
  batchId: string;
  state: string;
  keys: number;
  keysInForce: number;
  months: string[];
  replaced: string[];
  retractedAt: string | null;
}

let h: MetricsHarness;
beforeAll(async () => {
  h = await startMetricsHarness();
});
afterAll(async () => h.close());

const accept = async (res: Response, status = 201) => {
  expect(res.status).toBe(status);
  return (await res.json()) as { batchId: string; outcome: string; replaced: string[] };
};
const list = async (dataset: string) => {
  const res = await h.get(`/v1/metrics/${dataset}/batches`);
  expect(res.status).toBe(200);
  return (await res.json()) as { data: Listed[]; meta: { count: number; kind: string } };
};
const states = async (dataset: string) =>
  Object.fromEntries((await list(dataset)).data.map((b) => [b.batchId, b.state]));

describe('snapshot replacement', () => {
  it('a second catalogue replaces the first; resubmitting the first makes it current again', async () => {
    const a = await accept(await h.post('services', servicesCsv(3)));
    const b = await accept(await h.post('services', servicesCsv(4, ' (novo)')));
    expect(b.replaced).toEqual([a.batchId]);
    expect(await states('services')).toEqual({ [a.batchId]: 'replaced', [b.batchId]: 'current' });

    const again = await accept(await h.post('services', servicesCsv(3)), 200);
    expect(again).toMatchObject({
      batchId: a.batchId,
      outcome: 'reactivated',
      replaced: [b.batchId],
    });
    const listed = await list('services');
    expect(listed.meta).toMatchObject({ count: 2, kind: 'snapshot' });
    expect(listed.data.map((x) => [x.batchId, x.state])).toEqual([
      [a.batchId, 'current'],
      [b.batchId, 'replaced'],
    ]);
    expect(listed.data[0]?.replaced).toEqual([b.batchId]);
    // A services batch changes what transactions may refer to: svc-0004 is gone again.
    const tx = await h.post(
      'transactions',
      `month,service_id,channel,completed\n${monthAgo(1)},svc-0004,web,5\n`,
    );
    expect(tx.status).toBe(422);
    expect(((await tx.json()) as { errors: { detail: string }[] }).errors[0]?.detail).toContain(
      'is not in the current services dataset',
    );
  });
});

describe('periodic replacement by key', () => {
  const tx = (rows: [string, string, string, number][]) =>
    `month,service_id,channel,completed\n${rows.map((r) => r.join(',')).join('\n')}\n`;

  it('replaces exactly the (month, service) pairs a batch contains', async () => {
    const [m1, m2] = [monthAgo(2), monthAgo(1)];
    const first = await accept(
      await h.post(
        'transactions',
        tx([
          [m1, 'svc-0001', 'web', 10],
          [m1, 'svc-0002', 'web', 20],
          [m2, 'svc-0001', 'web', 30],
          [m2, 'svc-0002', 'app', 40],
        ]),
      ),
    );
    const correction = await accept(
      await h.post('transactions', tx([[m2, 'svc-0001', 'web', 31]])),
    );
    expect(correction.replaced).toEqual([first.batchId]);
    let listed = await list('transactions');
    const byId = (id: string) => listed.data.find((b) => b.batchId === id) as Listed;
    expect(byId(first.batchId)).toMatchObject({
      state: 'current',
      keys: 4,
      keysInForce: 3,
      months: [m1, m2],
    });
    expect(byId(correction.batchId)).toMatchObject({ state: 'current', keys: 1, keysInForce: 1 });

    const whole = await accept(
      await h.post(
        'transactions',
        tx([
          [m1, 'svc-0001', 'web', 11],
          [m1, 'svc-0002', 'web', 21],
          [m2, 'svc-0001', 'web', 32],
          [m2, 'svc-0002', 'app', 41],
        ]),
      ),
    );
    expect(whole.replaced).toEqual([first.batchId, correction.batchId].sort());
    listed = await list('transactions');
    expect(listed.data.map((b) => b.state)).toEqual(['current', 'replaced', 'replaced']);
    expect(listed.data[0]?.batchId).toBe(whole.batchId);
  });

  it('refuses months in the future and services outside the catalogue, listing each row', async () => {
    const res = await h.post(
      'transactions',
      tx([
        [monthAgo(0), 'svc-0001', 'web', 1],
        [monthAgo(-1), 'svc-0001', 'web', 1],
        [monthAgo(1), 'svc-9999', 'web', 1],
      ]),
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as {
      errors: { row: number; column: string; pointer: string }[];
    };
    expect(problem.errors.map((e) => [e.row, e.column, e.pointer])).toEqual([
      [3, 'month', '/rows/1/month'],
      [4, 'service_id', '/rows/2/service_id'],
    ]);
  });
});

describe('retraction', () => {
  it('retracts a batch; the one it replaced is in force again; unknown ids are 404', async () => {
    const reach = (users: number) =>
      `month,region,unique_users,sessions\n${monthAgo(1)},norte,${users},${users * 5}\n`;
    const a = await accept(await h.post('wifi-reach', reach(100)));
    const b = await accept(await h.post('wifi-reach', reach(120)));
    expect(await states('wifi-reach')).toEqual({ [a.batchId]: 'replaced', [b.batchId]: 'current' });

    const del = await h.del(`/v1/metrics/wifi-reach/batches/${b.batchId}`);
    expect(del.status).toBe(204);
    expect(await states('wifi-reach')).toEqual({
      [a.batchId]: 'current',
      [b.batchId]: 'retracted',
    });
    const one = await h.get(`/v1/metrics/wifi-reach/batches/${b.batchId}`);
    expect(one.status).toBe(200);
    const retracted = (await one.json()) as Listed;
    expect(retracted).toMatchObject({ state: 'retracted', keysInForce: 0 });
    expect(retracted.retractedAt).toMatch(/Z$/);

    // Twice is harmless and keeps the first time.
    expect((await h.del(`/v1/metrics/wifi-reach/batches/${b.batchId}`)).status).toBe(204);
    const again = (await (
      await h.get(`/v1/metrics/wifi-reach/batches/${b.batchId}`)
    ).json()) as Listed;
    expect(again.retractedAt).toBe(retracted.retractedAt);

    for (const path of [
      '/v1/metrics/wifi-reach/batches/0123456789abcdef0123',
      '/v1/metrics/wifi-reach/batches/not-a-batch',
      `/v1/metrics/device-donations/batches/${b.batchId}`,
    ]) {
      const res = await h.del(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await h.get('/v1/metrics/wifi-reach/batches/0123456789abcdef0123')).status).toBe(404);

    // Resubmitting the retracted content brings it back.
    const back = await accept(await h.post('wifi-reach', reach(120)), 200);
    expect(back).toMatchObject({
      batchId: b.batchId,
      outcome: 'reactivated',
      replaced: [a.batchId],
    });
    expect(await states('wifi-reach')).toEqual({ [a.batchId]: 'replaced', [b.batchId]: 'current' });
  });

  it('lists a dataset without batches as an empty list', async () => {
    const empty = await list('course-certifications');
    expect(empty).toEqual({
      data: [],
      meta: { dataset: 'course-certifications', kind: 'periodic', count: 0 },
    });
  });
});

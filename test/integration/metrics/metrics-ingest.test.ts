import { gunzipSync } from 'node:zlib';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES, DATASETS } from '../../../functions/datasets/datasets.js';
import { batchRecordFromItem } from '../../../functions/datasets/metric-batch-record.js';
import { canonicalRowLine } from '../../../functions/metrics/metric-batch-content.js';
import { rawMetricBatchKey } from '../../../functions/shared/lake-layout.js';
import { GOOD_ROWS } from '../../unit/datasets/fixtures.js';
import {
  type MetricsHarness,
  monthAgo,
  servicesCsv,
  startMetricsHarness,
} from './metrics-harness.js';

/** One bad value per dataset (column, value). */
const BAD: Record<string, [string, unknown]> = {
  services: ['digital_level', 'mostly'],
  'wifi-hotspots': ['latitude', -23.55],
  telecentros: ['opened_on', '2023-02-29'],
  transactions: ['completed', -3],
  'wifi-reach': ['region', 'Centro'],
  'device-donations': ['device_type', 'phone'],
  'course-certifications': ['age_band', '70+'],
};

let h: MetricsHarness;
beforeAll(async () => {
  h = await startMetricsHarness();
  // transactions refer to the catalogue: svc-0001 … svc-0400.
  expect((await h.post('services', servicesCsv(400))).status).toBe(201);
});
afterAll(async () => h.close());

async function rowsInLake(key: string): Promise<string[]> {
  const out = await h.stack.clients.s3.send(
    new GetObjectCommand({ Bucket: h.stack.config.lakeBucket, Key: key }),
  );
  const bytes = await out.Body?.transformToByteArray();
  return gunzipSync(bytes as Uint8Array)
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
}

describe('POST /v1/metrics/{dataset}: each dataset', () => {
  it.each(DATASET_NAMES.filter((d) => d !== 'services'))(
    '%s: a good batch is stored; a bad row stores nothing',
    async (name) => {
      const dataset = DATASETS[name];
      const good = GOOD_ROWS[name];
      const res = await h.postRows(name, [good]);
      expect(res.status).toBe(201);
      const body = (await res.json()) as { batchId: string; rows: number; outcome: string };
      expect(body).toMatchObject({ rows: 1, outcome: 'created', dataset: name });
      expect(body.batchId).toMatch(/^[0-9a-f]{20}$/);
      expect(res.headers.get('location')).toBe(`/v1/metrics/${name}/batches/${body.batchId}`);
      // The lake holds the canonical row; the table the record.
      const rawKey = rawMetricBatchKey(name, body.batchId);
      expect(await rowsInLake(rawKey)).toEqual([canonicalRowLine(dataset, good)]);
      const items = await h.batchItems(name);
      expect(items).toHaveLength(1);
      const record = batchRecordFromItem(items[0] as Record<string, unknown>);
      expect(record).toMatchObject({
        batchId: body.batchId,
        rawKey,
        rows: 1,
        submitter: 'local-staff',
      });
      expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);

      const keysBefore = await h.keys('raw/metrics/');
      const [column, value] = BAD[name] as [string, unknown];
      const second = { ...good, [column]: value };
      const bad = await h.postRows(name, [good, second]);
      expect(bad.status).toBe(422);
      expect(bad.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await bad.json()) as {
        type: string;
        errors: { row: number; column: string }[];
      };
      expect(problem.type).toBe('https://mirante.dev/problems/invalid-rows');
      expect(problem.errors).toEqual([expect.objectContaining({ row: 2, column })]);
      expect(await h.keys('raw/metrics/')).toEqual(keysBefore);
      expect(await h.batchItems(name)).toHaveLength(1);
    },
  );
});

describe('atomic batches', () => {
  it('a bad row at row 40,000 writes nothing', async () => {
    const months = Array.from({ length: 20 }, (_, i) => monthAgo(i + 1));
    const channels = ['web', 'app', 'telecentro', 'phone', 'in_person'];
    const lines = ['month,service_id,channel,completed'];
    for (const month of months) {
      for (let s = 1; s <= 400; s++) {
        for (const channel of channels) {
          lines.push(`${month},svc-${String(s).padStart(4, '0')},${channel},${(s * 7) % 1000}`);
        }
      }
    }
    expect(lines.length).toBe(40_001);
    lines[40_000] = (lines[40_000] as string).replace(/,\d+$/, ',1.000'); // spreadsheet row 40,001
    const before = { keys: await h.keys(), items: await h.batchItems('transactions') };
    const res = await h.post('transactions', `${lines.join('\n')}\n`);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as {
      errorCount: number;
      errors: { row: number; value: unknown }[];
    };
    expect(problem.errorCount).toBe(1);
    expect(problem.errors[0]).toMatchObject({ row: 40_001, value: '1.000' });
    expect(await h.keys()).toEqual(before.keys);
    expect(await h.batchItems('transactions')).toEqual(before.items);

    // Fixed, the same 40,000 rows are one batch.
    lines[40_000] = (lines[40_000] as string).replace(/,1\.000$/, ',1000');
    const fixed = await h.post('transactions', `${lines.join('\n')}\n`);
    expect(fixed.status).toBe(201);
    expect(await fixed.json()).toMatchObject({ rows: 40_000 });
  });
});

describe('CSV dialects and idempotent resubmission', () => {
  const hotspots = [
    {
      hotspot_id: 'wifi-1001',
      region: 'barreiro',
      vulnerable_area: true,
      latitude: -19.9767,
      longitude: -44.0206,
      active_since: '2021-03-15',
    },
    {
      hotspot_id: 'wifi-1002',
      region: 'venda-nova',
      vulnerable_area: false,
      latitude: -19.81,
      longitude: -43.95,
      active_since: '2022-11-02',
    },
  ];

  it('reads ; with BOM, CRLF, quotes, decimal commas, sim/não, any header order — same batch as JSON', async () => {
    const json = await h.postRows('wifi-hotspots', hotspots);
    expect(json.status).toBe(201);
    const { batchId } = (await json.json()) as { batchId: string };
    const keys = await h.keys();
    const items = await h.batchItems('wifi-hotspots');

    const csv =
      '\uFEFFRegion;hotspot_id;"vulnerable_area";latitude;longitude;active_since\r\n' +
      'venda-nova;wifi-1002;NÃO;-19,81;"-43,95";2022-11-02\r\n' +
      '\r\n' +
      '"barreiro";"wifi-1001";Sim;-19,9767;-44,0206;2021-03-15\r\n';
    const res = await h.post(
      'wifi-hotspots',
      new TextEncoder().encode(csv),
      'text/csv; charset=utf-8',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      batchId,
      outcome: 'unchanged',
      rows: 2,
      replaced: [],
    });
    expect(res.headers.get('location')).toBe(`/v1/metrics/wifi-hotspots/batches/${batchId}`);
    // Nothing written again: no new object, the record untouched.
    expect(await h.keys()).toEqual(keys);
    expect(await h.batchItems('wifi-hotspots')).toEqual(items);
  });

  it('reads a comma CSV with quoted delimiters and line breaks in names', async () => {
    const csv =
      'telecentro_id,name,region,host_type,opened_on\n' +
      'tc-901,"Telecentro ""Vila Viva"", Barreiro",barreiro,ngo,2015-06-01\n' +
      'tc-902,Telecentro CRAS Lindéia,barreiro,social_assistance,2012-08-01\n';
    const res = await h.post('telecentros', csv, 'application/csv');
    expect(res.status).toBe(201);
    const { batchId } = (await res.json()) as { batchId: string };
    const lines = await rowsInLake(rawMetricBatchKey('telecentros', batchId));
    expect(lines.map((l) => JSON.parse(l).name)).toContain('Telecentro "Vila Viva", Barreiro');
  });
});

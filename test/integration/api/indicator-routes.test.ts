import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorDocument } from '../../../functions/publish/indicator-document.js';
import { publishIndicator } from '../../../functions/publish/publish-indicator.js';
import { fixtureRows } from './support/api-fixtures.js';
import { type ApiHarness, PUBLIC_URL, startApiHarness } from './support/api-harness.js';

interface Envelope {
  indicator: Record<string, unknown> & {
    id: string;
    title: string;
    language: string;
    labels: Record<string, { label: string; values: Record<string, string> }>;
    links: Record<string, string>;
    version: string;
  };
  receipt: { version: string; rowCount: number };
  data: Record<string, string | number | null>[];
}

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => h?.close());

const json = async <T>(path: string, init?: RequestInit) => {
  const r = await h.call(path, init);
  expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(200);
  return r.json as T;
};
const problem = async (path: string, status: number, init?: RequestInit) => {
  const r = await h.call(path, init);
  expect(r.status, r.text).toBe(status);
  expect(r.headers.get('content-type')).toBe('application/problem+json');
  expect(r.headers.get('cache-control')).toBe('no-store');
  return r.json as { type: string; detail: string } & Record<string, unknown>;
};
const latestDocument = async (id: string): Promise<IndicatorDocument> => {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const version = h.fixtures.results[id]?.at(-1)?.manifest.jsonKey as string;
  const object = await h.stack.clients.s3.send(
    new GetObjectCommand({ Bucket: h.stack.config.lakeBucket, Key: version }),
  );
  return JSON.parse(await (object.Body?.transformToString() ?? '')) as IndicatorDocument;
};

describe('GET /v1/indicators (catalogue)', () => {
  it('lists every published indicator by theme with dimensions, periods and links', async () => {
    const body = await json<{ data: Record<string, unknown>[]; meta: { count: number } }>(
      '/v1/indicators',
    );
    expect(body.data.map((e) => e.id)).toEqual([
      'completion-rate',
      'user-satisfaction',
      'wifi-hotspots',
      'digital-skills-certified',
    ]);
    expect(body.meta).toEqual({ count: 4, language: 'pt-BR' });
    const satisfaction = body.data[1] as Record<string, unknown> & {
      dimensions: { name: string; dynamic: boolean; values?: { value: string; label: string }[] }[];
    };
    expect(satisfaction.title).toBe('Satisfação dos usuários com os serviços');
    expect(satisfaction.periods).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(satisfaction.links).toEqual({
      self: `${PUBLIC_URL}/v1/indicators/user-satisfaction`,
      csv: `${PUBLIC_URL}/v1/indicators/user-satisfaction.csv`,
      versions: `${PUBLIC_URL}/v1/indicators/user-satisfaction/versions`,
      chart: `${PUBLIC_URL}/v1/indicators/user-satisfaction/chart.svg`,
    });
    const [service, channel, region] = satisfaction.dimensions;
    expect(service).toMatchObject({
      name: 'service_id',
      dynamic: true,
      valueCount: 4,
      valuesLink: `${PUBLIC_URL}/v1/services`,
    });
    expect(channel?.values?.map((v) => v.value)).toEqual([
      'web',
      'app',
      'telecentro',
      'phone',
      'in_person',
      '_T',
    ]);
    expect(region?.values?.find((v) => v.value === 'centro-sul')?.label).toBe('Centro-Sul');
    expect(region?.values?.at(-1)).toEqual({ value: '_T', label: 'Total' });
  });

  it('speaks English with ?lang=en or Accept-Language', async () => {
    const byParam = await json<{ data: { title: string }[] }>('/v1/indicators?lang=en');
    const byHeader = await json<{ data: { title: string }[] }>('/v1/indicators', {
      headers: { 'Accept-Language': 'en-GB,en;q=0.9,pt;q=0.5' },
    });
    expect(byParam.data[1]?.title).toBe('User satisfaction with services');
    expect(byHeader).toEqual(byParam);
  });

  it('rejects an unknown parameter and an unsupported language', async () => {
    const unknown = await problem('/v1/indicators?langg=en', 400);
    expect(unknown.detail).toContain("Did you mean 'lang'?");
    expect(unknown.validParameters).toEqual(['lang']);
    const lang = await problem('/v1/indicators?lang=fr', 400);
    expect(lang.allowedValues).toEqual(['pt-BR', 'en']);
  });
});

describe('GET /v1/indicators/{id}', () => {
  it('returns { indicator, receipt, data } with the published rows and labels of their values', async () => {
    const body = await json<Envelope>('/v1/indicators/user-satisfaction');
    const published = await latestDocument('user-satisfaction');
    expect(body.data).toEqual(published.data);
    expect(body.receipt).toEqual(published.receipt);
    expect(body.indicator).toMatchObject({
      id: 'user-satisfaction',
      language: 'pt-BR',
      minCell: 10,
      unit: 'score',
      version: published.receipt.version,
      methodology: published.indicator.methodology['pt-BR'],
      dimensions: ['service_id', 'channel', 'region'],
      n: { counts: 'people', label: 'Avaliações' },
    });
    expect(body.indicator.labels.service_id).toEqual({
      label: 'Serviço',
      values: {
        'svc-0001': 'Emitir segunda via do IPTU',
        'svc-0002': 'Matrícula escolar',
        'svc-0003': 'svc-0003',
        _T: 'Total',
      },
    });
    expect(body.indicator.labels.channel?.values.in_person).toBe('Presencial');
    const suppressed = body.data.filter((r) => r.status === 'C');
    expect(suppressed.length).toBeGreaterThan(0);
    for (const row of suppressed)
      expect([row.value, row.n, row.share_4_5]).toEqual([null, null, null]);
  });

  it('labels in English and keeps row keys and values as data', async () => {
    const body = await json<Envelope>('/v1/indicators/user-satisfaction?lang=en&channel=in_person');
    expect(body.indicator.title).toBe('User satisfaction with services');
    expect(body.indicator.labels.channel?.values).toEqual({ in_person: 'In person' });
    expect(body.indicator.labels.service_id?.values).toEqual({ _T: 'Total' });
    expect(body.data.every((r) => r.channel === 'in_person')).toBe(true);
    expect(body.data).toHaveLength(3);
  });

  it('filters by dimension (comma or repeated), period and totals', async () => {
    const web = await json<Envelope>('/v1/indicators/user-satisfaction?channel=web,app');
    expect(new Set(web.data.map((r) => r.channel))).toEqual(new Set(['web', 'app']));
    expect(web.data).toHaveLength(6);
    const repeated = await json<Envelope>(
      '/v1/indicators/user-satisfaction?channel=web&channel=app',
    );
    expect(repeated.data).toEqual(web.data);
    const period = await json<Envelope>(
      '/v1/indicators/user-satisfaction?from=2025-02&to=2025-02&region=_T&channel=_T&service_id=_T',
    );
    expect(period.data).toHaveLength(1);
    expect(period.data[0]).toMatchObject({ period: '2025-02', region: '_T', channel: '_T' });
    const none = await json<Envelope>('/v1/indicators/user-satisfaction?region=pampulha');
    expect(none.data).toEqual([]);
    const empty = await json<Envelope>('/v1/indicators/user-satisfaction?region=&from=');
    expect(empty.data).toHaveLength(30);
  });

  it('accepts 60+ whether or not the + is percent-encoded', async () => {
    const encoded = await json<Envelope>('/v1/indicators/digital-skills-certified?age_band=60%2B');
    const plain = await json<Envelope>('/v1/indicators/digital-skills-certified?age_band=60+');
    expect(encoded.data.length).toBeGreaterThan(0);
    expect(encoded.data.every((r) => r.age_band === '60+')).toBe(true);
    expect(plain.data).toEqual(encoded.data);
  });

  it('rejects an unknown parameter naming the valid ones', async () => {
    const body = await problem('/v1/indicators/user-satisfaction?regon=pampulha', 400);
    expect(body.type).toBe('https://mirante.dev/problems/invalid-parameter');
    expect(body.detail).toContain("Did you mean 'region'?");
    expect(body.validParameters).toEqual(['from', 'to', 'lang', 'service_id', 'channel', 'region']);
  });

  it('rejects an invalid value naming the allowed ones', async () => {
    const body = await problem('/v1/indicators/user-satisfaction?region=pampulhaa', 400);
    expect(body.detail).toContain("Did you mean 'pampulha'?");
    expect(body.allowedValues).toEqual([
      'barreiro',
      'centro-sul',
      'leste',
      'nordeste',
      'noroeste',
      'norte',
      'oeste',
      'pampulha',
      'venda-nova',
      '_T',
    ]);
    const service = await problem('/v1/indicators/completion-rate?service_id=svc-9999', 400);
    expect(service.allowedValues).toEqual(['svc-0001', 'svc-0002', 'svc-0003', '_T']);
  });

  it('rejects malformed and inverted periods', async () => {
    expect((await problem('/v1/indicators/wifi-hotspots?from=2025-13', 400)).detail).toContain(
      'YYYY-MM',
    );
    expect(
      (await problem('/v1/indicators/wifi-hotspots?from=2025-03&to=2025-01', 400)).detail,
    ).toContain('after');
  });

  it('answers 404 for an unknown id, suggesting the closest ids', async () => {
    const body = await problem('/v1/indicators/user-satisfation', 404);
    expect(body.suggestions).toEqual(['user-satisfaction']);
    expect(body.detail).toContain("Did you mean 'user-satisfaction'?");
    expect((await problem('/v1/indicators/wifi', 404)).suggestions).toEqual(['wifi-hotspots']);
  });
});

describe('CSV', () => {
  const rowsAsCsvRecords = (rows: Envelope['data']) =>
    rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? '' : String(v)])),
    );

  it('serves the same rows as the JSON, by suffix and by Accept', async () => {
    const query = '?channel=web,_T&from=2025-02';
    const body = await json<Envelope>(`/v1/indicators/user-satisfaction${query}`);
    const suffix = await h.call(`/v1/indicators/user-satisfaction.csv${query}`);
    const accept = await h.call(`/v1/indicators/user-satisfaction${query}`, {
      headers: { Accept: 'text/csv' },
    });
    expect(suffix.status).toBe(200);
    expect(suffix.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(suffix.headers.get('content-disposition')).toBe(
      `attachment; filename="user-satisfaction-${body.receipt.version}.csv"`,
    );
    expect(accept.text).toBe(suffix.text);
    expect(suffix.text.split('\r\n')[0]).toBe(
      'period,service_id,channel,region,value,n,status,share_4_5,rating_1,rating_2,rating_3,rating_4,rating_5',
    );
    const records = parse(suffix.text, { columns: true, skip_empty_lines: true }) as Record<
      string,
      string
    >[];
    expect(records).toEqual(rowsAsCsvRecords(body.data));
    expect(records.length).toBeGreaterThan(5);
  });

  it('prefers JSON unless CSV ranks higher, and answers 406 to neither', async () => {
    const browser = await h.call('/v1/indicators/wifi-hotspots', {
      headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(browser.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const csv = await h.call('/v1/indicators/wifi-hotspots', {
      headers: { Accept: 'application/json;q=0.5, text/csv' },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    await problem('/v1/indicators/wifi-hotspots', 406, { headers: { Accept: 'application/xml' } });
  });
});

describe('versions', () => {
  it('lists the history newest first with receipts', async () => {
    const [first, second] = h.fixtures.results['user-satisfaction'] ?? [];
    const body = await json<{
      data: {
        version: string;
        latest: boolean;
        receipt: { version: string; rowCount: number };
        links: Record<string, string>;
      }[];
      meta: Record<string, unknown>;
    }>('/v1/indicators/user-satisfaction/versions');
    expect(body.data.map((v) => v.version)).toEqual([second?.version, first?.version]);
    expect(body.data.map((v) => v.latest)).toEqual([true, false]);
    expect(body.data[1]?.receipt).toMatchObject({ version: first?.version, rowCount: 20 });
    expect(body.data[0]?.receipt.rowCount).toBe(30);
    expect(body.meta).toEqual({
      indicator: 'user-satisfaction',
      count: 2,
      latest: second?.version,
    });
    expect(body.data[1]?.links.csv).toBe(
      `${PUBLIC_URL}/v1/indicators/user-satisfaction/versions/${first?.version}.csv`,
    );
    await problem('/v1/indicators/user-satisfaction/versions?limit=1', 400);
    await problem('/v1/indicators/nope/versions', 404);
  });

  it('serves one version (JSON and CSV), immutable', async () => {
    const first = h.fixtures.results['user-satisfaction']?.[0]?.version as string;
    const path = `/v1/indicators/user-satisfaction/versions/${first}`;
    const body = await json<Envelope>(`${path}?region=barreiro`);
    expect(body.receipt.version).toBe(first);
    expect(body.indicator.version).toBe(first);
    expect(new Set(body.data.map((r) => r.period))).toEqual(new Set(['2025-01', '2025-02']));
    const csv = await h.call(`${path}.csv`);
    expect(csv.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(csv.headers.get('content-disposition')).toContain(`user-satisfaction-${first}.csv`);
    expect((parse(csv.text, { columns: true }) as unknown[]).length).toBe(20);
    const missing = await problem('/v1/indicators/user-satisfaction/versions/0000', 404);
    expect(missing.suggestions).toHaveLength(2);
  });
});

describe('caching', () => {
  it('sends strong validators and answers 304 to If-None-Match and If-Modified-Since', async () => {
    const path = '/v1/indicators/wifi-hotspots?region=barreiro';
    const first = await h.call(path);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe(
      'public, max-age=300, stale-while-revalidate=3600',
    );
    expect(first.headers.get('vary')).toBe('Accept, Accept-Language');
    const lastModified = first.headers.get('last-modified') as string;
    expect(new Date(lastModified).toISOString()).toBe(
      h.fixtures.results['wifi-hotspots']?.[0]?.manifest.computedAt,
    );

    const notModified = await h.call(path, { headers: { 'If-None-Match': `W/"x", ${etag}` } });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    const since = await h.call(path, { headers: { 'If-Modified-Since': lastModified } });
    expect(since.status).toBe(304);
    const stale = await h.call(path, { headers: { 'If-None-Match': '"other"' } });
    expect(stale.status).toBe(200);

    const others = [
      `${path}&lang=en`,
      '/v1/indicators/wifi-hotspots?region=centro-sul',
      '/v1/indicators/wifi-hotspots.csv?region=barreiro',
    ];
    const tags = await Promise.all(others.map(async (p) => (await h.call(p)).headers.get('etag')));
    expect(new Set([etag, ...tags]).size).toBe(4);
    const reordered = await h.call('/v1/indicators/user-satisfaction?channel=app,web');
    const ordered = await h.call('/v1/indicators/user-satisfaction?channel=web,app');
    expect(reordered.headers.get('etag')).toBe(ordered.headers.get('etag'));
  });

  it('answers HEAD with the headers and no body', async () => {
    const r = await h.call('/v1/indicators/wifi-hotspots', { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(r.headers.get('etag')).toBeTruthy();
  });

  it('serves a newly published version once the manifest cache expires', async () => {
    const before = await json<Envelope>('/v1/indicators/completion-rate');
    const metadata = h.fixtures.metadata['completion-rate'];
    if (!metadata) throw new Error('fixture missing');
    const result = await publishIndicator(
      {
        doc: h.stack.clients.doc,
        s3: h.stack.clients.s3,
        config: { ...h.stack.config, codeVersion: '0.2.0-test' },
        now: () => new Date('2025-04-01T00:00:00.000Z'),
      },
      {
        metadata,
        sqlSha256: 'b'.repeat(64),
        inputs: [],
        inputsHash: 'next',
        rows: fixtureRows(metadata, h.fixtures.registry, ['2025-03', '2025-04']),
        suppressedPrimary: 2,
        suppressedComplementary: 0,
      },
    );
    const after = await json<Envelope>('/v1/indicators/completion-rate');
    expect(after.receipt.version).toBe(result.version);
    expect(after.receipt.version).not.toBe(before.receipt.version);
    const conditional = await h.call('/v1/indicators/completion-rate', {
      headers: { 'If-None-Match': '"stale"' },
    });
    expect(conditional.status).toBe(200);
  });
});

describe('HTTP behaviour', () => {
  it('allows any origin for GET, without credentials, and answers preflights', async () => {
    const r = await h.call('/v1/indicators', { headers: { Origin: 'https://portal.example.org' } });
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    expect(r.headers.get('access-control-expose-headers')).toContain('ETag');
    // A preflight is CORS protocol, not an API operation: it is not in the OpenAPI document.
    const raw = await fetch(`${h.origin}/v1/indicators/wifi-hotspots`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://portal.example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'if-none-match',
      },
    });
    expect(raw.status).toBe(204);
    expect(raw.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(raw.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'if-none-match',
    );
  });

  it('sets security headers and a request id, and logs JSON lines carrying it', async () => {
    const r = await h.call('/v1/indicators/wifi-hotspots', {
      headers: { 'X-Request-Id': 'trace-123' },
    });
    expect(r.headers.get('x-request-id')).toBe('trace-123');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    const line = h.logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.requestId === 'trace-123');
    expect(line).toMatchObject({
      level: 'debug',
      service: 'api',
      path: '/v1/indicators/wifi-hotspots',
      status: 200,
    });
  });

  it('validated every response against the served OpenAPI document', () => {
    expect(h.validated()).toBeGreaterThan(80);
  });
});

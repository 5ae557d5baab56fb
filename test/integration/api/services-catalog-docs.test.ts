import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, PUBLIC_URL, startApiHarness } from './support/api-harness.js';

interface Figure {
  period: string;
  value: number | null;
  n: number | null;
  status: string;
  suppressed: boolean;
  share45?: number | null;
}
interface Service {
  id: string;
  name: string | null;
  categoryLabel: string | null;
  digitalLevel: string | null;
  satisfaction: Figure | null;
  completion: Figure | null;
  links: Record<string, string>;
  history?: { period: string; satisfaction: Figure | null; completion: Figure | null }[];
}

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => h?.close());

const get = async <T>(path: string, init?: RequestInit) => {
  const r = await h.call(path, init);
  expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(200);
  return r.json as T;
};

describe('GET /v1/services', () => {
  it('lists catalogue and rated services with their latest complete month, suppressed where n is small', async () => {
    const body = await get<{ data: Service[]; meta: Record<string, unknown> }>('/v1/services');
    expect(body.data.map((s) => s.id)).toEqual(['svc-0001', 'svc-0002', 'svc-0003', 'svc-0004']);
    const [one, , three, four] = body.data;
    expect(one).toMatchObject({
      name: 'Emitir segunda via do IPTU',
      categoryLabel: 'Tributos e finanças',
      digitalLevel: 'full',
      satisfaction: { period: '2025-02', status: '', suppressed: false },
      completion: { period: '2025-02', status: '', suppressed: false },
    });
    expect(one?.satisfaction?.value).toEqual(expect.any(Number));
    expect(one?.satisfaction?.share45).toEqual(expect.any(Number));
    expect(three).toMatchObject({
      name: null,
      digitalLevel: null,
      satisfaction: { value: null, n: null, share45: null, status: 'C', suppressed: true },
      completion: { value: null, n: null, suppressed: true },
    });
    expect(four).toMatchObject({ name: 'Alvará de obras', satisfaction: null, completion: null });
    expect(one?.links.satisfaction).toBe(
      `${PUBLIC_URL}/v1/indicators/user-satisfaction?service_id=svc-0001`,
    );
    expect(body.meta).toMatchObject({ count: 4, language: 'pt-BR' });
    expect(body.meta.sources).toEqual([
      {
        indicator: 'user-satisfaction',
        version: h.fixtures.results['user-satisfaction']?.at(-1)?.version,
        period: '2025-02',
      },
      {
        indicator: 'completion-rate',
        version: h.fixtures.results['completion-rate']?.at(-1)?.version,
        period: '2025-02',
      },
    ]);
  });

  it('the satisfaction link filters the indicator to the service', async () => {
    const link = (await get<{ data: Service[] }>('/v1/services')).data[0]?.links.satisfaction ?? '';
    const body = await get<{ data: { service_id: string }[] }>(link.replace(PUBLIC_URL, ''));
    expect(body.data.length).toBe(3);
    expect(body.data.every((r) => r.service_id === 'svc-0001')).toBe(true);
  });

  it('names services in English', async () => {
    const body = await get<{ data: Service[] }>('/v1/services?lang=en');
    expect(body.data[1]).toMatchObject({ name: 'School enrolment', categoryLabel: 'Education' });
  });

  it('gives one service with its monthly history, and 404 with suggestions for an unknown one', async () => {
    const body = await get<{ data: Service }>('/v1/services/svc-0002');
    expect(body.data.history?.map((p) => p.period)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(body.data.history?.[2]?.satisfaction?.status).toBe('p');
    const missing = await h.call('/v1/services/svc-002');
    expect(missing.status).toBe(404);
    expect((missing.json as { suggestions: string[] }).suggestions).toContain('svc-0002');
    expect((await h.call('/v1/services?sort=name')).status).toBe(400);
  });
});

describe('GET /v1/catalog (DCAT-AP 3)', () => {
  it('is JSON-LD that expands offline with one dcat:Dataset per indicator', async () => {
    const r = await h.call('/v1/catalog');
    expect(r.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const fetched: string[] = [];
    const expanded = await jsonld.expand(r.json as jsonld.JsonLdDocument, {
      documentLoader: async (url: string) => {
        fetched.push(url);
        throw new Error(`no remote context may be loaded (${url})`);
      },
    });
    expect(fetched).toEqual([]);
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const DCT = 'http://purl.org/dc/terms/';
    const catalog = expanded.find((n) =>
      (n['@type'] as string[] | undefined)?.includes(`${DCAT}Catalog`),
    );
    expect(catalog).toBeDefined();
    const datasets = (catalog?.[`${DCAT}dataset`] ?? []) as Record<string, unknown>[];
    expect(
      datasets.filter((d) => (d['@type'] as string[]).includes(`${DCAT}Dataset`)),
    ).toHaveLength(4);
    const satisfaction = datasets.find(
      (d) => d['@id'] === `${PUBLIC_URL}/v1/indicators/user-satisfaction`,
    );
    // jsonld.js lower-cases language tags when expanding (BCP 47 tags are case-insensitive).
    expect(satisfaction?.[`${DCT}title`]).toEqual([
      { '@value': 'Satisfação dos usuários com os serviços', '@language': 'pt-br' },
      { '@value': 'User satisfaction with services', '@language': 'en' },
    ]);
    expect(satisfaction?.[`${DCT}license`]).toEqual([
      { '@id': 'https://creativecommons.org/licenses/by/4.0/', '@type': [`${DCT}LicenseDocument`] },
    ]);
    expect(satisfaction?.[`${DCT}modified`]).toEqual([
      {
        '@value': h.fixtures.results['user-satisfaction']?.at(-1)?.manifest.computedAt,
        '@type': 'http://www.w3.org/2001/XMLSchema#dateTime',
      },
    ]);
    const nodes = (key: string) => (satisfaction?.[key] ?? []) as Record<string, unknown>[];
    const temporal = nodes(`${DCT}temporal`)[0];
    expect(temporal?.[`${DCAT}startDate`]).toEqual([
      { '@value': '2025-01-01', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    ]);
    expect(temporal?.[`${DCAT}endDate`]).toEqual([
      { '@value': '2025-03-31', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
    ]);
    expect(nodes(`${DCAT}keyword`).length).toBeGreaterThan(3);
    const contact = nodes(`${DCAT}contactPoint`)[0];
    expect(contact?.['http://www.w3.org/2006/vcard/ns#hasEmail']).toEqual([
      { '@id': 'mailto:dados@example.gov.br' },
    ]);
    const distributions = nodes(`${DCAT}distribution`);
    expect(
      distributions.map((d) => [
        (d[`${DCAT}downloadURL`] as { '@id': string }[])[0]?.['@id'],
        (d[`${DCAT}mediaType`] as { '@id': string }[])[0]?.['@id'],
      ]),
    ).toEqual([
      [
        `${PUBLIC_URL}/v1/indicators/user-satisfaction`,
        'http://www.iana.org/assignments/media-types/application/json',
      ],
      [
        `${PUBLIC_URL}/v1/indicators/user-satisfaction.csv`,
        'http://www.iana.org/assignments/media-types/text/csv',
      ],
    ]);
    const publisher = nodes(`${DCT}publisher`)[0];
    expect(publisher?.['http://xmlns.com/foaf/0.1/name']).toEqual([
      { '@value': 'Prefeitura de Belo Horizonte' },
    ]);
  });

  it('its download URLs serve the data', async () => {
    const doc = (await h.call('/v1/catalog')).json as {
      'dcat:dataset': { 'dcat:distribution': { 'dcat:downloadURL': { '@id': string } }[] }[];
    };
    for (const dataset of doc['dcat:dataset']) {
      for (const d of dataset['dcat:distribution']) {
        const r = await h.call(d['dcat:downloadURL']['@id'].replace(PUBLIC_URL, ''));
        expect(r.status).toBe(200);
      }
    }
  });

  it('is served as application/json to a client that accepts only that', async () => {
    const r = await h.call('/v1/catalog', { headers: { Accept: 'application/json' } });
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await h.call('/v1/catalog', { headers: { Accept: 'text/turtle' } })).status).toBe(406);
  });
});

describe('documentation and health', () => {
  it('serves /docs with a strict CSP and every asset from the API itself', async () => {
    const page = await h.call('/docs');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("default-src 'none'");
    expect(page.text).not.toMatch(/<script>(?!<)|<script[^>]*>[^<]+<\/script>/);
    expect(page.text).not.toMatch(/https?:\/\//);
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets).toEqual([
      'data:,',
      'docs/swagger-ui.css',
      'docs/docs.css',
      'openapi.json',
      'docs/swagger-ui-bundle.js',
      'docs/docs-init.js',
    ]);
    for (const asset of assets.filter((a) => a !== 'data:,')) {
      const r = await h.call(`/${asset}`);
      expect(r.status, asset).toBe(200);
      expect(r.text.length).toBeGreaterThan(10);
    }
    const bundle = await h.call('/docs/swagger-ui-bundle.js');
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(bundle.text).toContain('SwaggerUIBundle');
    expect(bundle.text).not.toContain('sourceMappingURL');
    const init = await h.call('/docs/docs-init.js');
    expect(init.text).toContain("getAttribute('data-spec-url')");
    const again = await h.call('/docs/swagger-ui.css', {
      headers: {
        'If-None-Match': (await h.call('/docs/swagger-ui.css')).headers.get('etag') ?? '',
      },
    });
    expect(again.status).toBe(304);
  });

  it('redirects /docs/ and answers 404 for an unknown asset', async () => {
    const redirect = await h.app.request('/docs/');
    expect(redirect.status).toBe(301);
    expect(new URL(redirect.headers.get('location') ?? '', 'http://x/docs/').pathname).toBe(
      '/docs',
    );
    const missing = await h.call('/docs/swagger-ui.js.map');
    expect(missing.status).toBe(404);
  });

  it('serves the OpenAPI 3.1 document with every read route, and a 304 when unchanged', async () => {
    const r = await h.call('/openapi.json');
    const doc = r.json as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/v1/indicators',
        '/v1/indicators/{id}',
        '/v1/indicators/{id}.csv',
        '/v1/indicators/{id}/versions',
        '/v1/indicators/{id}/versions/{version}',
        '/v1/indicators/{id}/versions/{version}.csv',
        '/v1/services',
        '/v1/services/{id}',
        '/v1/catalog',
        '/docs',
        '/docs/{asset}',
        '/openapi.json',
      ]),
    );
    const again = await h.call('/openapi.json', {
      headers: { 'If-None-Match': r.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('answers /healthz, never cached', async () => {
    const r = await h.call('/healthz');
    expect(r.json).toEqual({ status: 'ok' });
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an unknown route with a problem (not an API operation: not in the document)', async () => {
    const r = await h.app.request('/v1/indicator');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.headers.get('x-request-id')).toBeTruthy();
    expect(await r.json()).toMatchObject({
      type: 'https://mirante.dev/problems/not-found',
      status: 404,
    });
  });
});

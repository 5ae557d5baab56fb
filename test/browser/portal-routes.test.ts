import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptOf } from '../../functions/feedback/receipt.js';
import { EMBED_CSP, PAGE_CSP } from '../../functions/portal/content-security-policy.js';
import { PORTAL_ASSETS } from '../../functions/portal/static-assets.js';
import { feedbackKey } from '../../functions/shared/table-keys.js';
import { type PortalTestServer, startPortalTestServer } from './portal-test-server.js';

let server: PortalTestServer;
beforeAll(async () => {
  server = await startPortalTestServer();
});
afterAll(async () => server?.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.baseUrl}${path}`, { headers, redirect: 'manual' });

const postForm = (fields: Record<string, string>, lang = '') =>
  fetch(`${server.baseUrl}/avaliar${lang}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

const rating = (key: string, overrides: Record<string, string> = {}) => ({
  idempotencyKey: key,
  serviceId: 'svc-0002',
  rating: '5',
  outcome: 'completed',
  channel: 'telecentro',
  region: 'venda-nova',
  reason: '',
  comment: 'Atendimento rápido. Meu e-mail é maria@example.com',
  website: '',
  ...overrides,
});

const storedItem = async (id: string) =>
  (
    await server.stack.clients.doc.send(
      new GetCommand({ TableName: server.stack.config.tableName, Key: feedbackKey(id) }),
    )
  ).Item;

describe('portal pages over HTTP', () => {
  it('serves the portal page with a strict CSP and every published indicator', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const { document } = parseHTML(await response.text());
    const ids = Array.from(document.querySelectorAll('article.card')).map((a) =>
      a.getAttribute('id'),
    );
    expect(ids.sort()).toEqual([...server.indicatorIds].sort());
  });

  it('answers an invalid filter with 400 and says it was ignored', async () => {
    const response = await get('/?region=atlantida&lang=en');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('One of the filters is not valid and was ignored.');
  });

  it('serves the static assets with long caching', async () => {
    const css = await get(PORTAL_ASSETS.css.path);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get(PORTAL_ASSETS.js.path)).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it('never caches the rating page and gives every render a fresh idempotency key', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await get('/avaliar');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
      const { document } = parseHTML(await response.text());
      keys.push(
        document.querySelector('input[name="idempotencyKey"]')?.getAttribute('value') ?? '',
      );
    }
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
    const preselected = parseHTML(await (await get('/avaliar?servico=svc-0003')).text()).document;
    expect(preselected.querySelector('#f-serviceId option[selected]')?.getAttribute('value')).toBe(
      'svc-0003',
    );
  });

  it('serves the privacy notice in both languages', async () => {
    const pt = await (await get('/privacidade')).text();
    expect(pt).toContain('<html lang="pt-BR">');
    expect(pt).toContain('Aviso de privacidade da avaliação de serviços');
    const en = await (await get('/privacidade?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Privacy notice for service ratings');
  });

  it('serves an embeddable page that any site may frame', async () => {
    const response = await get('/embed/wifi-reach?region=leste&lang=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(EMBED_CSP);
    expect(EMBED_CSP).toContain('frame-ancestors *');
    const { document } = parseHTML(await response.text());
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.querySelector('h1')?.textContent).toBe('People reached by public Wi-Fi');
    expect(document.querySelector('img')?.getAttribute('src')).toBe(
      '/v1/indicators/wifi-reach/chart.svg?lang=en&region=leste',
    );
    expect(document.querySelector('header')).toBeNull();
    expect(document.querySelector('.context')?.textContent).toBe('Region: Leste');
    expect((await get('/embed/no-such-thing')).status).toBe(404);
  });
});

describe('chart.svg', () => {
  it('renders the chart with its text alternatives, an ETag and 304 on a match', async () => {
    const response = await get('/v1/indicators/user-satisfaction/chart.svg?region=leste');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const svg = await response.text();
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(
      '<title id="chart-title">Satisfação dos usuários com os serviços — Regional: Leste</title>',
    );
    expect(svg).toMatch(/<desc id="chart-desc">[^<]{40,}<\/desc>/);
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{16}-[0-9a-f]{16}"$/);
    const again = await get('/v1/indicators/user-satisfaction/chart.svg?region=leste', {
      'If-None-Match': etag,
    });
    expect(again.status).toBe(304);
    const city = await get('/v1/indicators/user-satisfaction/chart.svg');
    expect(city.headers.get('etag')).not.toBe(etag);
    expect(await city.text()).not.toBe(svg);
  });

  it('takes the data route filters and refuses unknown or invalid ones with problem+json', async () => {
    const unknown = await get('/v1/indicators/user-satisfaction/chart.svg?regoin=leste');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect((await unknown.json()).detail).toContain('Valid parameters: from, to, lang');
    const invalid = await get('/v1/indicators/wifi-reach/chart.svg?region=atlantida');
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).detail).toContain('barreiro');
    expect((await get('/v1/indicators/wifi-reach/chart.svg?lang=fr')).status).toBe(400);
    expect((await get('/v1/indicators/wifi-reach/chart.svg?from=2025-13')).status).toBe(400);
    const missing = await get('/v1/indicators/nope/chart.svg');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('POST /avaliar (no JavaScript)', () => {
  it('stores the rating with the feedback logic and shows the receipt and how to erase it', async () => {
    const response = await postForm(rating('form-key-1'));
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const location = response.headers.get('location') ?? '';
    const id = location.replace('/v1/feedback/', '');
    const { document } = parseHTML(await response.text());
    const receipt = document.querySelector('code.receipt')?.textContent ?? '';
    expect(receipt).toBe(receiptOf(server.stack.secrets.receiptKey, id));
    expect(document.querySelector('pre')?.textContent).toContain(`DELETE /v1/feedback/${id}`);
    const item = await storedItem(id);
    expect(item?.service_id).toBe('svc-0002');
    expect(item?.rating).toBe(5);
    expect(item?.comment).toBe('Atendimento rápido. Meu e-mail é [email]');
    expect(item?.reason).toBeUndefined();

    // The same form sent again (a double click, a retry) is the same rating.
    const replay = await postForm(rating('form-key-1'));
    expect(replay.status).toBe(201);
    expect(parseHTML(await replay.text()).document.querySelector('code.receipt')?.textContent).toBe(
      receipt,
    );

    // The instructions on the page work: DELETE with the receipt as a bearer token.
    const erased = await fetch(`${server.baseUrl}/v1/feedback/${id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${receipt}` },
    });
    expect(erased.status).toBe(204);
  });

  it('shows the form again with the problems, the values sent and the same key', async () => {
    const response = await postForm(
      rating('form-key-2', { rating: '', serviceId: 'svc-0004' }),
      '?lang=en',
    );
    expect(response.status).toBe(400);
    const { document } = parseHTML(await response.text());
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.querySelector('.error-summary a')?.getAttribute('href')).toBe('#f-rating');
    expect(document.querySelector('.error-summary')?.textContent).toContain(
      'Choose a rating from 1 to 5.',
    );
    expect(document.querySelector('input[name="idempotencyKey"]')?.getAttribute('value')).toBe(
      'form-key-2',
    );
    expect(document.querySelector('#f-serviceId option[selected]')?.getAttribute('value')).toBe(
      'svc-0004',
    );
    expect(document.querySelector('textarea')?.textContent).toContain('Atendimento rápido');
    expect(document.querySelector('input[name="rating"]')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('answers an unknown service with 422 and a field message', async () => {
    const response = await postForm(rating('form-key-3', { serviceId: 'svc-9999' }));
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Esse serviço não está na carta de serviços.');
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const response = await postForm(rating('form-key-4', { website: 'https://spam.example' }));
    expect(response.status).toBe(201);
    const id = (response.headers.get('location') ?? '').replace('/v1/feedback/', '');
    expect(id).toMatch(/^[a-z2-7]{26}$/);
    expect(await storedItem(id)).toBeUndefined();
  });

  it('refuses other media types with problem+json, like the JSON route', async () => {
    const response = await fetch(`${server.baseUrl}/avaliar`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rating: 5 }),
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

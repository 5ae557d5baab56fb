import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishIndicator } from '../../../functions/publish/publish-indicator.js';
import { fixtureRows } from './support/api-fixtures.js';
import { type ApiHarness, startApiHarness } from './support/api-harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({
    env: { MIRANTE_MANIFEST_TTL_MS: '400', MIRANTE_CORS_ORIGINS: 'https://portal.example.org' },
  });
});
afterAll(async () => h?.close());

const replayed = (requestId: string) =>
  h.logLines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .some((l) => l.requestId === requestId && l.frontCache === true);

const headersOf = (r: { headers: Headers }) => {
  const out: Record<string, string> = {};
  r.headers.forEach((value, name) => {
    if (name !== 'x-request-id' && name !== 'date') out[name] = value;
  });
  return out;
};

describe('front cache', () => {
  const path = '/v1/indicators/wifi-hotspots?region=barreiro&lang=en';

  it('replays a repeated request with the same bytes and headers, a new request id', async () => {
    const first = await h.call(path, { headers: { 'X-Request-Id': 'first-1' } });
    expect(replayed('first-1')).toBe(false);
    const again = await h.call(path, {
      headers: { 'X-Request-Id': 'again-1', Origin: 'https://portal.example.org' },
    });
    expect(replayed('again-1')).toBe(true);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('x-request-id')).toBe('again-1');
    expect(headersOf(again)).toEqual({
      ...headersOf(first),
      'access-control-allow-origin': 'https://portal.example.org',
      'access-control-expose-headers': expect.stringContaining('ETag'),
    });
    expect(again.headers.get('vary')).toBe('Accept, Accept-Language, Origin');
    expect(again.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  it('replays over real HTTP too (the Node adapter’s parsed headers give the same key)', async () => {
    const url = '/v1/indicators/wifi-hotspots?region=centro-sul';
    const headers = { Accept: 'application/json', 'Accept-Language': 'en-GB,en;q=0.9' };
    await h.http(url, { headers: { ...headers, 'X-Request-Id': 'http-first' } });
    expect(replayed('http-first')).toBe(false);
    const again = await h.http(url, { headers: { ...headers, 'X-Request-Id': 'http-again' } });
    expect(replayed('http-again')).toBe(true);
    expect(again.headers.get('x-request-id')).toBe('http-again');
    expect((again.json as { indicator: { language: string } }).indicator.language).toBe('en');
  });

  it('answers conditional requests and HEAD from memory', async () => {
    const first = await h.call(path);
    const etag = first.headers.get('etag') ?? '';
    const notModified = await h.call(path, {
      headers: { 'If-None-Match': etag, 'X-Request-Id': 'cond-1' },
    });
    expect(replayed('cond-1')).toBe(true);
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);
    const head = await h.call(path, { method: 'HEAD', headers: { 'X-Request-Id': 'head-1' } });
    expect(replayed('head-1')).toBe(true);
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('keys on Accept and Accept-Language', async () => {
    await h.call(path);
    const csv = await h.call(path, { headers: { Accept: 'text/csv', 'X-Request-Id': 'csv-1' } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const other = '/v1/indicators/wifi-hotspots?region=barreiro';
    const pt = await h.call(other, { headers: { 'Accept-Language': 'pt-BR' } });
    const en = await h.call(other, { headers: { 'Accept-Language': 'en' } });
    expect((pt.json as { indicator: { language: string } }).indicator.language).toBe('pt-BR');
    expect((en.json as { indicator: { language: string } }).indicator.language).toBe('en');
  });

  it('never replays a stale result: a new version shows once the manifest cache expires', async () => {
    const before = await h.call('/v1/indicators/wifi-hotspots');
    await h.call('/v1/indicators/wifi-hotspots');
    const metadata = h.fixtures.metadata['wifi-hotspots'];
    if (!metadata) throw new Error('fixture missing');
    const result = await publishIndicator(
      {
        doc: h.stack.clients.doc,
        s3: h.stack.clients.s3,
        config: { ...h.stack.config, codeVersion: 'next' },
        now: () => new Date('2025-04-02T00:00:00.000Z'),
      },
      {
        metadata,
        sqlSha256: 'd'.repeat(64),
        inputs: [],
        inputsHash: 'next',
        rows: fixtureRows(metadata, h.fixtures.registry, ['2025-04']),
        suppressedPrimary: 0,
        suppressedComplementary: 0,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 450));
    // Past the TTL the first request still gets the last version while the manifest refreshes
    // in the background (stale while revalidating); the new version follows within moments.
    const versionOf = (r: { json: unknown }) =>
      (r.json as { receipt: { version: string } }).receipt.version;
    const seen: string[] = [];
    for (let i = 0; i < 20 && seen.at(-1) !== result.version; i++) {
      const r = await h.call('/v1/indicators/wifi-hotspots', {
        headers: { 'X-Request-Id': `after-${i}` },
      });
      seen.push(versionOf(r));
      if (seen.at(-1) !== result.version) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen.at(-1)).toBe(result.version);
    expect(seen.length).toBeLessThanOrEqual(3);
    // Once the new manifest is in, the old result is never replayed again.
    const again = await h.call('/v1/indicators/wifi-hotspots', {
      headers: { 'X-Request-Id': 'after-new' },
    });
    expect(versionOf(again)).toBe(result.version);
    expect(again.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('does not replay results labelled with service names (they change without a version)', async () => {
    await h.call('/v1/indicators/user-satisfaction?service_id=svc-0001');
    await h.call('/v1/indicators/user-satisfaction?service_id=svc-0001', {
      headers: { 'X-Request-Id': 'svc-1' },
    });
    expect(replayed('svc-1')).toBe(false);
  });

  it('leaves other routes and methods to the router', async () => {
    await h.call('/v1/indicators');
    await h.call('/v1/indicators', { headers: { 'X-Request-Id': 'cat-1' } });
    expect(replayed('cat-1')).toBe(false);
    const problem = await h.call('/v1/indicators/wifi-hotspots?region=nowhere');
    expect(problem.status).toBe(400);
    const again = await h.call('/v1/indicators/wifi-hotspots?region=nowhere', {
      headers: { 'X-Request-Id': 'bad-1' },
    });
    expect(again.status).toBe(400);
    expect(replayed('bad-1')).toBe(false);
  });
});

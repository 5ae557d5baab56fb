import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { representation } from '../../../functions/api/representation.js';
import { createRepresentationCache } from '../../../functions/api/representation-cache.js';
import { sendRepresentation } from '../../../functions/api/send-representation.js';

const rep = (body: string, etag = '"t"') =>
  representation(body, {
    etag,
    contentType: 'application/json',
    cacheControl: 'public, max-age=300',
    lastModified: '2025-03-10T09:00:30.500Z',
    headers: { 'Content-Language': 'en', Vary: 'Accept-Language', 'Content-Disposition': 'x' },
  });

describe('sendRepresentation', () => {
  const app = new Hono();
  app.get('/', (c) => sendRepresentation(c, rep('{"a":1}')));

  it('sends the body with its validators', async () => {
    const r = await app.request('/');
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('{"a":1}');
    const headers: Record<string, string> = {};
    r.headers.forEach((value, name) => {
      headers[name] = value;
    });
    expect(headers).toMatchObject({
      etag: '"t"',
      'cache-control': 'public, max-age=300',
      'last-modified': 'Mon, 10 Mar 2025 09:00:30 GMT',
      'content-language': 'en',
      'content-type': 'application/json',
    });
  });

  it('answers 304 with the validators, Vary and language only', async () => {
    const r = await app.request('/', { headers: { 'If-None-Match': '"t"' } });
    expect(r.status).toBe(304);
    expect(await r.text()).toBe('');
    expect(r.headers.get('etag')).toBe('"t"');
    expect(r.headers.get('vary')).toBe('Accept-Language');
    expect(r.headers.get('content-disposition')).toBeNull();
  });

  it('uses If-Modified-Since only without If-None-Match, at second precision', async () => {
    const at = (since: string, extra: Record<string, string> = {}) =>
      app.request('/', { headers: { 'If-Modified-Since': since, ...extra } });
    expect((await at('Mon, 10 Mar 2025 09:00:30 GMT')).status).toBe(304);
    expect((await at('Mon, 10 Mar 2025 09:00:29 GMT')).status).toBe(200);
    expect((await at('Mon, 10 Mar 2025 09:00:30 GMT', { 'If-None-Match': '"old"' })).status).toBe(
      200,
    );
    expect((await at('not a date')).status).toBe(200);
  });
});

describe('createRepresentationCache', () => {
  it('builds once per key and evicts the least recently used past its limits', async () => {
    const cache = createRepresentationCache({ maxEntries: 2 });
    let builds = 0;
    const build = (body: string) => () => {
      builds++;
      return rep(body);
    };
    await cache.get('a', build('A'));
    await cache.get('a', build('A'));
    expect(builds).toBe(1);
    await cache.get('b', build('B'));
    await cache.get('a', build('A'));
    await cache.get('c', build('C'));
    expect(cache.size).toBe(2);
    await cache.get('a', build('A'));
    expect(builds).toBe(3);
    await cache.get('b', build('B'));
    expect(builds).toBe(4);
  });

  it('bounds the bytes held and never keeps a body larger than the bound', async () => {
    const cache = createRepresentationCache({ maxBytes: 100 });
    await cache.get('a', () => rep('x'.repeat(60)));
    await cache.get('b', () => rep('ç'.repeat(30)));
    expect(cache.size).toBe(1);
    const big = await cache.get('c', () => rep('z'.repeat(120)));
    expect(big.body.byteLength).toBe(120);
    expect(cache.size).toBe(1);
  });

  it('does not cache a failed build', async () => {
    const cache = createRepresentationCache();
    await expect(
      cache.get('a', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(cache.size).toBe(0);
  });
});

import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIndicatorStore } from '../../../functions/api/indicator-store.js';
import { readDocumentHead } from '../../../functions/api/read-document-head.js';
import { type ApiHarness, startApiHarness } from './support/api-harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({
    linksFollowOrigin: true,
    env: { MIRANTE_CORS_ORIGINS: 'https://portal.example.org, https://dados.example.org' },
    resolveModule: (specifier) => {
      throw new Error(`Cannot find module '${specifier}'`);
    },
  });
});
afterAll(async () => h?.close());

const put = (key: string, body: string) =>
  h.stack.clients.s3.send(
    new PutObjectCommand({ Bucket: h.stack.config.lakeBucket, Key: key, Body: body }),
  );

describe('readDocumentHead', () => {
  it('reads the metadata and receipt of a large document with ranged reads', async () => {
    const inputs = Array.from({ length: 2000 }, (_, i) => ({
      key: `curated/feedback/month=2025-01/part-${i}-ção.parquet`,
      etag: `"${i}"`,
      rows: i,
    }));
    const document = {
      indicator: { id: 'big', title: { 'pt-BR': 'Índice "grande", {com} [chaves]', en: 'Big' } },
      receipt: { version: 'v1', inputs },
      data: Array.from({ length: 5000 }, (_, i) => ({
        period: '2025-01',
        value: i,
        data: '"data":',
      })),
    };
    await put('published/indicators/big/v1.json', JSON.stringify(document));
    expect(JSON.stringify(document.receipt).length).toBeGreaterThan(128 * 1024);
    const head = await readDocumentHead(
      h.stack.clients.s3,
      h.stack.config.lakeBucket,
      'published/indicators/big/v1.json',
    );
    expect(head).toEqual({ indicator: document.indicator, receipt: document.receipt });
  });

  it('falls back to the whole object when the rows come first', async () => {
    const document = {
      data: [{ period: '2025-01' }],
      indicator: { id: 'x' },
      receipt: { version: 'v' },
    };
    await put('published/indicators/x/v.json', JSON.stringify(document));
    const head = await readDocumentHead(
      h.stack.clients.s3,
      h.stack.config.lakeBucket,
      'published/indicators/x/v.json',
    );
    expect(head).toEqual({ indicator: { id: 'x' }, receipt: { version: 'v' } });
  });
});

/** An indicator store over the test stack with a 1 s manifest TTL, on a clock the test moves. */
const storeOnClock = (now: () => number, options: { maxStaleMs?: number } = {}) =>
  createIndicatorStore({
    doc: h.stack.clients.doc,
    s3: h.stack.clients.s3,
    tableName: h.stack.config.tableName,
    lakeBucket: h.stack.config.lakeBucket,
    manifestTtlMs: 1000,
    ...options,
    now,
  });

describe('indicator store', () => {
  it('serves manifests from memory for the TTL, then reads them again', async () => {
    let now = 0;
    const store = storeOnClock(() => now);
    const first = store.manifests();
    expect(store.manifests()).toBe(first);
    now = 999;
    expect(store.manifests()).toBe(first);
    now = 1000;
    expect(store.manifests()).not.toBe(first);
    expect((await first).map((m) => m.indicatorId).sort()).toEqual([
      'completion-rate',
      'digital-skills-certified',
      'user-satisfaction',
      'wifi-hotspots',
    ]);
  });
});

describe('indicator store, stale while revalidating', () => {
  it('serves the last manifest past the TTL while one refresh runs, then the new one', async () => {
    let now = 0;
    const store = storeOnClock(() => now, { maxStaleMs: 5000 });
    const first = await store.manifest('wifi-hotspots');
    expect(store.peekManifest('wifi-hotspots')).toBe(first);
    now = 1500;
    expect(store.peekManifest('wifi-hotspots')).toBeUndefined();
    // Past the TTL: the last manifest at once, one background refresh.
    expect(await store.manifest('wifi-hotspots')).toBe(first);
    expect(store.peekManifest('wifi-hotspots')).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refreshed = await store.manifest('wifi-hotspots');
    expect(refreshed).toEqual(first);
    expect(refreshed).not.toBe(first);
    expect(store.peekManifest('wifi-hotspots')).toBe(refreshed);
    // Past TTL + maxStale: callers wait for a fresh read.
    now = 1500 + 7000;
    const waited = store.manifest('wifi-hotspots');
    expect(store.peekManifest('wifi-hotspots')).toBeUndefined();
    expect(await waited).toEqual(first);
  });
});

describe('origins', () => {
  it('builds links from the request origin when no public URL is configured', async () => {
    const local = await h.call('/v1/indicators/wifi-hotspots');
    expect((local.json as { indicator: { links: { self: string } } }).indicator.links.self).toBe(
      'http://localhost/v1/indicators/wifi-hotspots',
    );
    const remote = await h.http('/v1/indicators/wifi-hotspots');
    expect((remote.json as { indicator: { links: { self: string } } }).indicator.links.self).toBe(
      `${h.origin}/v1/indicators/wifi-hotspots`,
    );
    expect(remote.headers.get('etag')).not.toBe(local.headers.get('etag'));
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await h.call('/v1/indicators', {
      headers: { Origin: 'https://dados.example.org' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dados.example.org');
    expect(allowed.headers.get('vary')).toContain('Origin');
    const other = await h.call('/v1/indicators', { headers: { Origin: 'https://evil.example' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('faults', () => {
  it('answers 503 when the docs assets are not installed, naming the OpenAPI document', async () => {
    const r = await h.call('/docs/swagger-ui-bundle.js');
    expect(r.status).toBe(503);
    expect((r.json as { detail: string }).detail).toContain('/openapi.json');
    expect(h.logLines.some((l) => l.includes('swagger-ui-dist is not installed'))).toBe(true);
  });

  it('answers 500 without internal names when S3 is down, and recovers', async () => {
    // The first version's document has not been read by this app yet: S3 must answer.
    const path = `/v1/indicators/user-satisfaction/versions/${h.fixtures.results['user-satisfaction']?.[0]?.version}`;
    await h.stack.stopS3();
    try {
      const r = await h.call(path);
      expect(r.status).toBe(500);
      const body = r.json as Record<string, unknown>;
      const requestId = r.headers.get('x-request-id') as string;
      expect(body).toMatchObject({ type: 'https://mirante.dev/problems/internal', status: 500 });
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(body.detail).toContain(requestId);
      expect(r.text).not.toMatch(/mirante-lake|published\/|\.json|ECONNREFUSED|at .*\.ts|Error:/);
      const logged = h.logLines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.level === 'error' && l.requestId === requestId);
      expect(logged?.message).toBe('unhandled error');
    } finally {
      await h.stack.restartS3();
    }
    const again = await h.call(path);
    expect(again.status).toBe(200);
  });
});

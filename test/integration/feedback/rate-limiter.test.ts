import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter, type RateLimiter } from '../../../functions/feedback/rate-limiter.js';
import { ProblemError } from '../../../functions/shared/problem.js';
import { type EmbeddedTable, startEmbeddedTable } from './embedded-servers.js';

const NOW = new Date('2025-03-14T12:30:15.000Z');
let table: EmbeddedTable;
let limiter: RateLimiter;

beforeAll(async () => {
  table = await startEmbeddedTable();
  limiter = createRateLimiter({
    doc: table.doc,
    tableName: table.tableName,
    ipSalt: 'test-salt',
    trustedNetworks: ['200.160.0.0/20', '2001:db8:cafe::/48'],
  });
});
afterAll(async () => table.close());

/** Sends `n` ratings at once; returns how many were accepted and the problems of the others. */
async function burst(n: number, clientIp: string, serviceOf: (i: number) => string, now = NOW) {
  const settled = await Promise.allSettled(
    Array.from({ length: n }, (_, i) =>
      limiter.consume({ clientIp, serviceId: serviceOf(i), now }),
    ),
  );
  const problems = settled.flatMap((s) =>
    s.status === 'rejected' ? [s.reason as ProblemError] : [],
  );
  return { accepted: n - problems.length, problems };
}

describe('rate limiter', () => {
  it('meets a burst of 40 ratings of one service from one client with 429 after 30', async () => {
    const { accepted, problems } = await burst(40, '198.51.100.1', () => 'iptu-2-via');
    expect(accepted).toBe(30);
    expect(problems).toHaveLength(10);
    for (const p of problems) {
      expect(p).toBeInstanceOf(ProblemError);
      expect(p.kind).toBe('too-many-requests');
      expect(p.status).toBe(429);
      expect(p.options.retryAfter).toBe(45); // 12:30:15 → window ends 12:31:00
    }
  });

  it('lets 30 people behind one address rate the same service at once', async () => {
    expect((await burst(30, '198.51.100.2', () => 'matricula-escolar')).accepted).toBe(30);
  });

  it('lets 30 people behind one address rate different services at once', async () => {
    expect((await burst(30, '198.51.100.3', (i) => `service-${i}`)).accepted).toBe(30);
  });

  it('caps one client at 60 ratings a minute across services', async () => {
    const { accepted, problems } = await burst(70, '198.51.100.4', (i) => `service-${i % 5}`);
    expect(accepted).toBe(60);
    expect(problems.every((p) => p.kind === 'too-many-requests')).toBe(true);
  });

  it('does not let one client use up another client’s allowance', async () => {
    await burst(40, '198.51.100.5', () => 'iptu-2-via');
    expect((await burst(30, '198.51.100.6', () => 'iptu-2-via')).accepted).toBe(30);
  });

  it('opens a new window every minute', async () => {
    await burst(35, '198.51.100.7', () => 'iptu-2-via');
    const nextMinute = new Date('2025-03-14T12:31:00.000Z');
    expect((await burst(30, '198.51.100.7', () => 'iptu-2-via', nextMinute)).accepted).toBe(30);
  });

  it('gives trusted networks (IPv4 and IPv6) ten times the limits', async () => {
    expect((await burst(120, '200.160.3.9', () => 'iptu-2-via')).accepted).toBe(120);
    expect((await burst(120, '2001:db8:cafe:1::99', () => 'iptu-2-via')).accepted).toBe(120);
    const { accepted } = await burst(310, '200.160.15.1', () => 'iptu-2-via');
    expect(accepted).toBe(300);
  });

  it('counts an IPv6 /64 as one client', async () => {
    const a = await burst(20, '2001:db8:1:2::a', () => 'iptu-2-via');
    const b = await burst(20, '2001:db8:1:2:ffff::b', () => 'iptu-2-via');
    expect(a.accepted + b.accepted).toBe(30);
  });

  it('counts exactly what it accepts under concurrency: refused ratings write nothing', async () => {
    // 100 at once over 4 services (25 each): the client limit (60) bites before any service's.
    const many = await burst(100, '198.51.100.8', (i) => `busy-${i % 4}`);
    expect(many.accepted).toBe(60);
    // A new service in a window whose total is already at the limit is refused too.
    expect((await burst(1, '198.51.100.8', () => 'busy-new')).accepted).toBe(0);
    // A service at its limit is refused while the client total is still below its own.
    const one = await burst(45, '198.51.100.9', (i) => (i < 35 ? 'hot' : `cold-${i}`));
    expect(one.accepted).toBe(40);
    const counters = (await table.scanAll()).filter(
      (i) => String(i.sk).startsWith('feedback#') && (i.total === 60 || i.total === 40),
    );
    const full = counters.find((i) => i['s:busy-0'] !== undefined);
    expect(full).toBeDefined();
    expect(full!.total).toBe(60);
    expect([0, 1, 2, 3].map((n) => full![`s:busy-${n}`] as number).reduce((a, b) => a + b)).toBe(
      60,
    );
    expect(full!['s:busy-new']).toBeUndefined();
    const mixed = counters.find((i) => i['s:hot'] !== undefined);
    expect(mixed?.total).toBe(40);
    expect(mixed?.['s:hot']).toBe(30);
  });

  it('stores counters with a ttl, keyed by a hash: never the address', async () => {
    await burst(1, '203.0.113.77', () => 'iptu-2-via');
    const items = (await table.scanAll()).filter((i) => String(i.pk).startsWith('RATE#'));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const window = /^feedback#(2025-03-14T12:3[01]Z)$/.exec(String(item.sk));
      expect(window).not.toBeNull();
      const windowEnd = Date.parse(window![1]!.replace('Z', ':00Z')) / 1000 + 60;
      expect(item.ttl).toBe(windowEnd + 60);
      expect(typeof item.total).toBe('number');
    }
    const everything = JSON.stringify(items);
    for (const ip of ['203.0.113.77', '198.51.100', '200.160', '2001:db8']) {
      expect(everything).not.toContain(ip);
    }
    // One item per client and minute: total + one attribute per service.
    const one = items.find((i) => Object.keys(i).includes('s:iptu-2-via') && i.total === 1);
    expect(one && Object.keys(one).sort()).toEqual(['pk', 's:iptu-2-via', 'sk', 'total', 'ttl']);
  });
});

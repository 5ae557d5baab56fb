import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RATINGS,
  generateRatings,
  planRatings,
  type SeedRating,
} from '../../../functions/seed/generate-ratings.js';
import { generateServiceCatalogue } from '../../../functions/seed/generate-services.js';
import { DEFAULT_SEED } from '../../../functions/seed/seed-options.js';
import { monthOf } from '../../../functions/shared/period.js';
import { CHANNELS, OUTCOMES, REASONS, REGIONS } from '../../../functions/shared/vocabulary.js';

const TODAY = new Date('2025-06-15T15:00:00Z');
const all = (options: Parameters<typeof generateRatings>[0]): SeedRating[] =>
  [...generateRatings(options)].flat();
const ratings = all({ today: TODAY });
const catalogue = generateServiceCatalogue(DEFAULT_SEED);
const plan = planRatings({ today: TODAY });

const mean = (rs: readonly SeedRating[]) => rs.reduce((a, r) => a + r.rating, 0) / rs.length;

describe('generateRatings', () => {
  it('yields the requested number with sequential ids, by default 200,000', () => {
    expect(DEFAULT_RATINGS).toBe(200_000);
    expect(ratings).toHaveLength(200_000);
    expect(ratings[0]?.id).toBe('seed-1');
    expect(ratings.at(-1)?.id).toBe('seed-200000');
    expect(plan.total).toBe(200_000);
    expect(plan.months.reduce((a, m) => a + m.count, 0)).toBe(200_000);
  });

  it('fills every lake column with valid values', () => {
    const services = new Set(catalogue.map((s) => s.row.service_id));
    const todayIso = TODAY.toISOString();
    let previous = '';
    expect(Object.keys(ratings[0] as SeedRating)).toEqual([
      'id',
      'service_id',
      'rating',
      'outcome',
      'channel',
      'region',
      'reason',
      'comment',
      'received_at',
      'collected_at',
      'month',
    ]);
    for (const r of ratings) {
      if (!services.has(r.service_id)) throw new Error(`unknown service ${r.service_id}`);
      if (!(Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 5))
        throw new Error(`rating ${r.rating}`);
      if (!OUTCOMES.includes(r.outcome) || !CHANNELS.includes(r.channel))
        throw new Error(JSON.stringify(r));
      if (r.region !== null && !REGIONS.includes(r.region)) throw new Error(JSON.stringify(r));
      if (r.reason !== null && !REASONS.includes(r.reason)) throw new Error(JSON.stringify(r));
      if (r.collected_at < previous) throw new Error(`out of order at ${r.id}`);
      if (r.received_at < r.collected_at || r.received_at > todayIso)
        throw new Error(JSON.stringify(r));
      previous = r.collected_at;
    }
    for (let i = 0; i < ratings.length; i += 997) {
      const r = ratings[i] as SeedRating;
      expect(r.month).toBe(monthOf(r.collected_at, 'America/Sao_Paulo'));
    }
  });

  it('covers the 24 full months and the current one up to today, volume rising', () => {
    const months = [...new Set(ratings.map((r) => r.month))];
    expect(months).toEqual(plan.calendar.months);
    expect(ratings.at(-1)?.collected_at.slice(0, 10)).toBe('2025-06-15');
    const count = (m: string) => ratings.filter((r) => r.month === m).length;
    expect(count('2025-05')).toBeGreaterThan(count('2023-06') * 1.4);
    // half a month so far
    expect(count('2025-06')).toBeLessThan(count('2025-05') * 0.6);
  });

  it('is deterministic, independent of the chunk size, and follows today', () => {
    const a = all({ today: TODAY, count: 30_000, chunkSize: 7 });
    const b = all({ today: TODAY, count: 30_000, chunkSize: 30_000 });
    expect(b).toEqual(a);
    expect([...generateRatings({ today: TODAY, count: 30_000, chunkSize: 7 })][0]).toHaveLength(7);
    const later = all({ today: new Date('2025-10-03T12:00:00Z'), count: 30_000 });
    expect(later[0]?.month).toBe('2023-10');
    expect(later.at(-1)?.month).toBe('2025-10');
    const otherSeed = all({ today: TODAY, count: 30_000, seed: 7 });
    expect(otherSeed.map((r) => r.service_id)).not.toEqual(a.map((r) => r.service_id));
  });

  it('makes some services clearly worse than the rest', () => {
    const worse = new Set(catalogue.filter((s) => s.clearlyWorse).map((s) => s.row.service_id));
    expect(worse.has('svc-0003') && worse.has('svc-0006')).toBe(true);
    const bad = ratings.filter((r) => worse.has(r.service_id) && r.service_id !== 'svc-0002');
    const good = ratings.filter((r) => !worse.has(r.service_id) && r.service_id !== 'svc-0002');
    expect(mean(good) - mean(bad)).toBeGreaterThan(1);
    expect(mean(good)).toBeGreaterThan(3.7);
  });

  it('shows the redesign of svc-0002 in its ratings and completion', () => {
    const svc = ratings.filter((r) => r.service_id === plan.redesign.serviceId);
    const before = svc.filter((r) => r.month < plan.redesign.month);
    const after = svc.filter((r) => r.month >= plan.redesign.month);
    expect(plan.redesign.month).toBe('2024-06');
    expect(before.length).toBeGreaterThan(500);
    expect(mean(after) - mean(before)).toBeGreaterThan(1.2);
    const completion = (rs: SeedRating[]) =>
      rs.filter((r) => r.outcome === 'completed' || r.outcome === 'not_eligible').length /
      rs.length;
    expect(completion(after) - completion(before)).toBeGreaterThan(0.15);
  });

  it('leaves small services with few ratings, so suppression shows', () => {
    const perService = new Map<string, number>();
    const perCell = new Map<string, number>();
    for (const r of ratings) {
      perService.set(r.service_id, (perService.get(r.service_id) ?? 0) + 1);
      const cell = `${r.service_id}|${r.month}`;
      perCell.set(cell, (perCell.get(cell) ?? 0) + 1);
    }
    const counts = [...perService.values()];
    expect(counts.filter((c) => c < 10).length).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeGreaterThan(10_000);
    const cells = [...perCell.values()];
    expect(cells.filter((c) => c < 10).length / cells.length).toBeGreaterThan(0.3);
    expect(cells.filter((c) => c >= 10).length).toBeGreaterThan(1000);
  });

  it('mixes outcomes, reasons, regions and rare short comments without personal data', () => {
    const share = (pred: (r: SeedRating) => boolean) =>
      ratings.filter(pred).length / ratings.length;
    for (const o of OUTCOMES)
      expect(
        share((r) => r.outcome === o),
        o,
      ).toBeGreaterThan(0.02);
    for (const c of CHANNELS)
      expect(
        share((r) => r.channel === c),
        c,
      ).toBeGreaterThan(0.02);
    expect(share((r) => r.reason === null)).toBeCloseTo(0.25, 1);
    expect(share((r) => r.region === null)).toBeCloseTo(0.15, 1);
    const comments = ratings.filter((r) => r.comment !== null).map((r) => r.comment as string);
    expect(comments.length / ratings.length).toBeGreaterThan(0.01);
    expect(comments.length / ratings.length).toBeLessThan(0.05);
    for (const c of new Set(comments)) {
      expect(c.length).toBeLessThan(80);
      expect(c).not.toMatch(/\d|@/);
    }
    const low = ratings.filter((r) => r.rating <= 2);
    const lowCompletion = low.filter((r) => r.outcome === 'completed').length / low.length;
    const high = ratings.filter((r) => r.rating === 5);
    expect(
      high.filter((r) => r.outcome === 'completed').length / high.length - lowCompletion,
    ).toBeGreaterThan(0.4);
    const offline = ratings.filter(
      (r) => Date.parse(r.received_at) - Date.parse(r.collected_at) > 3_600_000,
    );
    expect(offline.every((r) => r.channel === 'telecentro' || r.channel === 'in_person')).toBe(
      true,
    );
    expect(offline.length).toBeGreaterThan(0);
  });

  it('streams: 10,000,000 ratings start without being held in memory', () => {
    const started = performance.now();
    const stream = generateRatings({ today: TODAY, count: 10_000_000 });
    const first = stream.next();
    expect(first.done).toBe(false);
    expect(first.value).toHaveLength(1000);
    stream.return(undefined);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('generates ratings fast (throughput reported)', () => {
    const count = 300_000;
    const started = performance.now();
    let n = 0;
    for (const chunk of generateRatings({ today: TODAY, count })) n += chunk.length;
    const perSecond = n / ((performance.now() - started) / 1000);
    console.info(`ratings generated: ${Math.round(perSecond)}/s`);
    expect(n).toBe(count);
    expect(perSecond).toBeGreaterThan(20_000); // ≈1–2M/s alone; a loaded, shared machine is far slower
  });
});

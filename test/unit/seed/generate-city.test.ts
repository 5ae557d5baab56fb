import { describe, expect, it } from 'vitest';
import { BH_BOUNDS, SERVICE_CATEGORIES } from '../../../functions/datasets/column-types.js';
import { DATASET_NAMES, DATASETS } from '../../../functions/datasets/datasets.js';
import { validateRows } from '../../../functions/datasets/validate-rows.js';
import { REGION_PROFILES } from '../../../functions/seed/city-geography.js';
import { ARTICLE_FIGURES, summarizeCity } from '../../../functions/seed/city-summary.js';
import { generateCity, SEED_DATASET_ORDER } from '../../../functions/seed/generate-city.js';
import { DEFAULT_SEED } from '../../../functions/seed/seed-options.js';

const TODAY = new Date('2025-06-15T15:00:00Z');
const city = generateCity({ today: TODAY });
const d = city.datasets;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const within3Percent = (actual: number, target: number) =>
  expect(Math.abs(actual - target) / target, `${actual} vs ${target}`).toBeLessThanOrEqual(0.03);

describe('the demo city', () => {
  it("reproduces the article's headline figures within 3%", () => {
    const s = summarizeCity(city);
    console.info('demo city headline figures', s);
    within3Percent(s.services, ARTICLE_FIGURES.services);
    within3Percent(s.fullyDigitalServices, ARTICLE_FIGURES.fullyDigitalServices);
    within3Percent(s.fullyDigitalSharePercent, ARTICLE_FIGURES.fullyDigitalSharePercent);
    within3Percent(s.hotspots, ARTICLE_FIGURES.hotspots);
    within3Percent(s.vulnerableSharePercent, ARTICLE_FIGURES.vulnerableSharePercent);
    within3Percent(s.reachLatestMonth, ARTICLE_FIGURES.reachLatestMonth);
    expect(s.reachLatestMonth).toBeLessThan(400_000); // "almost"
    within3Percent(s.devicesDonated, ARTICLE_FIGURES.devicesDonated);
    within3Percent(s.telecentros, ARTICLE_FIGURES.telecentros);
    within3Percent(s.certified, ARTICLE_FIGURES.certified);
    within3Percent(s.womenSharePercent, ARTICLE_FIGURES.womenSharePercent);
    expect(s.fullyDigitalSharePercent).toBe(71.4);
    expect(s.latestMonth).toBe('2025-05');
  });

  it('keeps the headline figures for other seeds and dates', () => {
    for (const [seed, today] of [
      [1, new Date('2024-01-31T12:00:00Z')],
      [99, new Date('2030-11-02T03:00:00Z')],
    ] as const) {
      const s = summarizeCity(generateCity({ seed, today }));
      within3Percent(s.hotspots, 4000);
      within3Percent(s.vulnerableSharePercent, 50);
      within3Percent(s.reachLatestMonth, 400_000);
      within3Percent(s.certified, 15_000);
      within3Percent(s.womenSharePercent, 60);
      expect(s.fullyDigitalServices).toBe(1000);
    }
  });

  it('passes its own data contracts', () => {
    expect(SEED_DATASET_ORDER).toEqual(DATASET_NAMES);
    for (const name of DATASET_NAMES) {
      const result = validateRows(DATASETS[name], d[name]);
      expect(result.ok ? 'ok' : result.errors.slice(0, 3), name).toBe('ok');
    }
  });

  it('is deterministic, and shifts its months with today', () => {
    const again = generateCity({ today: TODAY, seed: DEFAULT_SEED });
    expect(JSON.stringify(again)).toBe(JSON.stringify(city));
    const other = generateCity({ today: TODAY, seed: DEFAULT_SEED + 1 });
    expect(JSON.stringify(other.datasets['wifi-hotspots'])).not.toBe(
      JSON.stringify(d['wifi-hotspots']),
    );
    const later = generateCity({ today: new Date('2025-09-15T15:00:00Z') });
    const months = (rows: readonly { month: string }[]) => [...new Set(rows.map((r) => r.month))];
    expect(months(d.transactions)).toEqual(city.calendar.fullMonths);
    expect(months(later.datasets.transactions)[0]).toBe('2023-09');
    expect(months(later.datasets.transactions).at(-1)).toBe('2025-08');
    expect(later.asOf).toBe('2025-08');
    expect(later.redesign.month).toBe('2024-09');
    // the catalogue doesn't depend on the date
    expect(later.datasets.services).toEqual(d.services);
  });

  it('has 1,400 services with unique names across all twelve categories', () => {
    expect(new Set(d.services.map((s) => s.name_pt)).size).toBe(1400);
    expect(new Set(d.services.map((s) => s.name_en)).size).toBe(1400);
    expect(new Set(d.services.map((s) => s.category))).toEqual(new Set(SERVICE_CATEGORIES));
    expect(d.services.filter((s) => s.digital_level === 'partial')).toHaveLength(280);
    expect(d.services[0]).toMatchObject({
      service_id: 'svc-0001',
      name_pt: 'Emissão de IPTU 2ª via',
    });
    const shares = SERVICE_CATEGORIES.map((c) => {
      const inCategory = d.services.filter((s) => s.category === c);
      return inCategory.filter((s) => s.digital_level === 'full').length / inCategory.length;
    });
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.15);
  });

  it('reports transactions with digital take-up rising over 24 months', () => {
    expect(d.transactions.length).toBeGreaterThan(10_000);
    expect(d.transactions.length).toBeLessThan(50_000);
    const takeUp = (month: string) => {
      const rows = d.transactions.filter((r) => r.month === month);
      const digital = sum(
        rows.filter((r) => r.channel === 'web' || r.channel === 'app').map((r) => r.completed),
      );
      return digital / sum(rows.map((r) => r.completed));
    };
    const first = takeUp(city.calendar.fullMonths[0] as string);
    const last = takeUp(city.calendar.fullMonths.at(-1) as string);
    expect(last - first).toBeGreaterThan(0.08);
    // the redesigned service jumps at its redesign month
    const redesigned = (month: string) => {
      const rows = d.transactions.filter((r) => r.month === month && r.service_id === 'svc-0002');
      return (
        sum(
          rows.filter((r) => r.channel === 'web' || r.channel === 'app').map((r) => r.completed),
        ) / sum(rows.map((r) => r.completed))
      );
    };
    const before = redesigned(
      city.calendar.fullMonths[city.calendar.fullMonths.indexOf(city.redesign.month) - 1] as string,
    );
    expect(redesigned(city.redesign.month) - before).toBeGreaterThan(0.3);
  });

  it('places hotspots inside their regional, all active by the latest month', () => {
    for (const h of d['wifi-hotspots']) {
      const box = REGION_PROFILES.find((r) => r.region === h.region)?.box;
      expect(box).toBeDefined();
      if (!box) continue;
      expect(h.latitude >= box.latMin && h.latitude <= box.latMax).toBe(true);
      expect(h.longitude >= box.lonMin && h.longitude <= box.lonMax).toBe(true);
      expect(h.latitude >= BH_BOUNDS.latMin && h.longitude <= BH_BOUNDS.lonMax).toBe(true);
    }
    const inWindow = d['wifi-hotspots'].filter((h) => h.active_since >= '2023-06-01').length;
    expect(inWindow).toBeGreaterThan(1000);
    expect(inWindow).toBeLessThan(3000);
    expect(d['wifi-hotspots'].every((h) => h.active_since <= '2025-05-31')).toBe(true);
    const vulnerableBy = (region: string) => {
      const hs = d['wifi-hotspots'].filter((h) => h.region === region);
      return hs.filter((h) => h.vulnerable_area).length / hs.length;
    };
    expect(vulnerableBy('barreiro')).toBeGreaterThan(vulnerableBy('pampulha'));
  });

  it('grows Wi-Fi reach, with more sessions than users', () => {
    const byMonth = city.calendar.fullMonths.map((m) =>
      sum(d['wifi-reach'].filter((r) => r.month === m).map((r) => r.unique_users)),
    );
    expect(byMonth[0]).toBeLessThan(320_000);
    expect(byMonth.at(-1)).toBe(395_000);
    expect(d['wifi-reach'].every((r) => r.sessions > r.unique_users)).toBe(true);
    expect(d['wifi-reach']).toHaveLength(24 * 9);
  });

  it('donates three kinds of device over 24 months', () => {
    const types = new Set(d['device-donations'].map((r) => r.device_type));
    expect(types).toEqual(new Set(['computer', 'notebook', 'tablet']));
    expect(new Set(d['device-donations'].map((r) => r.month)).size).toBe(24);
    expect(d['device-donations'].every((r) => r.quantity > 0)).toBe(true);
  });

  it('hosts telecentros mostly in social assistance offices and NGOs', () => {
    const mostly = d.telecentros.filter(
      (t) => t.host_type === 'social_assistance' || t.host_type === 'ngo',
    );
    expect(mostly.length / d.telecentros.length).toBeGreaterThan(0.7);
    expect(new Set(d.telecentros.map((t) => t.name)).size).toBe(150);
    expect(new Set(d.telecentros.map((t) => t.region)).size).toBe(9);
  });

  it('certifies women, older people and youth through their courses', () => {
    const cc = d['course-certifications'];
    const women = cc.filter((r) => r.course_id === 'programando-sonhos');
    expect(women.length).toBeGreaterThan(0);
    expect(
      women.every(
        (r) => r.gender === 'female' && r.audience === 'women' && r.track === 'programming',
      ),
    ).toBe(true);
    expect(cc.filter((r) => r.audience === 'elderly').every((r) => r.age_band === '60+')).toBe(
      true,
    );
    const youth = cc.filter((r) => r.audience === 'youth');
    expect(youth.length).toBeGreaterThan(0);
    expect(youth.every((r) => r.age_band === '15-17')).toBe(true);
    expect(cc.every((r) => r.certified > 0)).toBe(true);
    expect(new Set(cc.map((r) => r.gender))).toEqual(
      new Set(['female', 'male', 'other', 'not_informed']),
    );
  });
});

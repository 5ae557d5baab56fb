import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, runIndicator } from './fixture-db.js';
import { HOTSPOTS, WINDOW } from './hotspot-fixture.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

const row = (period: string, region: string, vulnerable_area: string, count: number) => ({
  period,
  region,
  vulnerable_area,
  value: count,
  n: count,
  status: '',
});

describe('wifi-hotspots.sql', () => {
  it('counts the snapshot hotspots active at each month end over the 24 months ending at as_of', async () => {
    await loadTable(db.connection, 'wifi_hotspots', HOTSPOTS);
    const rows = await runIndicator(db.connection, 'wifi-hotspots');
    expect(WINDOW[0]).toBe('2022-04');
    expect([...new Set(rows.map((r) => r.period))]).toEqual(WINDOW);
    // Before Feb 2024 only h1 is active.
    for (const period of WINDOW.slice(0, 22)) {
      expect(rows.filter((r) => r.period === period)).toEqual([
        row(period, 'leste', 'true', 1),
        row(period, 'leste', '_T', 1),
        row(period, '_T', 'true', 1),
        row(period, '_T', '_T', 1),
      ]);
    }
    expect(rows.filter((r) => r.period === '2024-02')).toEqual([
      row('2024-02', 'leste', 'false', 1),
      row('2024-02', 'leste', 'true', 1),
      row('2024-02', 'leste', '_T', 2),
      row('2024-02', '_T', 'false', 1),
      row('2024-02', '_T', 'true', 1),
      row('2024-02', '_T', '_T', 2),
    ]);
    expect(rows.filter((r) => r.period === '2024-03')).toEqual([
      row('2024-03', 'leste', 'false', 1),
      row('2024-03', 'leste', 'true', 1),
      row('2024-03', 'norte', 'true', 1),
      row('2024-03', 'norte', '_U', 1),
      row('2024-03', 'leste', '_T', 2),
      row('2024-03', 'norte', '_T', 2),
      row('2024-03', '_T', 'false', 1),
      row('2024-03', '_T', 'true', 2),
      row('2024-03', '_T', '_U', 1),
      row('2024-03', '_T', '_T', 4),
    ]);
    expect(rows).toHaveLength(22 * 4 + 6 + 10);
  });

  it('reads dates and flags stored as text the same way', async () => {
    await loadTable(
      db.connection,
      'wifi_hotspots',
      HOTSPOTS.map((h) => ({
        ...h,
        vulnerable_area: h.vulnerable_area === null ? null : String(h.vulnerable_area),
      })),
      {
        vulnerable_area: 'VARCHAR',
        active_since: 'VARCHAR',
      },
    );
    const rows = await runIndicator(db.connection, 'wifi-hotspots');
    expect(
      rows
        .filter((r) => r.period === '2024-03' && r.region === '_T')
        .map((r) => [r.vulnerable_area, r.value]),
    ).toEqual([
      ['false', 1],
      ['true', 2],
      ['_U', 1],
      ['_T', 4],
    ]);
  });

  it('returns no rows for an empty snapshot', async () => {
    await loadTable(db.connection, 'wifi_hotspots', []);
    expect(await runIndicator(db.connection, 'wifi-hotspots')).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, rounded, runIndicator } from './fixture-db.js';
import { HOTSPOTS, WINDOW } from './hotspot-fixture.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

const row = (period: string, region: string, value: number, n: number, vulnerable: number) => ({
  period,
  region,
  value,
  n,
  status: '',
  vulnerable,
});

describe('wifi-vulnerable-share.sql', () => {
  it('divides active hotspots in vulnerable areas by active hotspots with a known flag', async () => {
    await loadTable(db.connection, 'wifi_hotspots', HOTSPOTS);
    const rows = await runIndicator(db.connection, 'wifi-vulnerable-share');
    expect([...new Set(rows.map((r) => r.period))]).toEqual(WINDOW);
    expect(rows.filter((r) => r.period === '2022-04')).toEqual([
      row('2022-04', 'leste', 100, 1, 1),
      row('2022-04', '_T', 100, 1, 1),
    ]);
    expect(rows.filter((r) => r.period === '2024-02')).toEqual([
      row('2024-02', 'leste', 50, 2, 1),
      row('2024-02', '_T', 50, 2, 1),
    ]);
    // h4 (flag unknown) is active in March but counts in neither numerator nor denominator.
    expect(rounded(rows.filter((r) => r.period === '2024-03'))).toEqual(
      rounded([
        row('2024-03', 'leste', 50, 2, 1),
        row('2024-03', 'norte', 100, 1, 1),
        row('2024-03', '_T', (2 / 3) * 100, 3, 2),
      ]),
    );
    expect(rows).toHaveLength(22 * 2 + 2 + 3);
  });
});

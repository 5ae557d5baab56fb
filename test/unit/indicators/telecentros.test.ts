import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, runIndicator } from './fixture-db.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

const row = (period: string, region: string, host_type: string, count: number) => ({
  period,
  region,
  host_type,
  value: count,
  n: count,
  status: '',
});

describe('telecentros.sql', () => {
  it('counts the snapshot telecentros open at each month end over the 24 months ending at as_of', async () => {
    const tc = (
      telecentro_id: string,
      region: string | null,
      host_type: string | null,
      opened_on: string | null,
    ) => ({
      telecentro_id,
      name: `Telecentro ${telecentro_id}`,
      region,
      host_type,
      opened_on,
      as_of: '2023-12',
    });
    await loadTable(db.connection, 'telecentros', [
      tc('t1', 'leste', 'social_assistance', '2015-05-01'), // every month
      tc('t2', 'leste', 'ngo', '2023-06-30'), // from 2023-06
      tc('t3', 'barreiro', 'ngo', '2023-07-01'), // from 2023-07
      tc('t4', null, null, null), // no date: from the snapshot month, 2023-12
    ]);
    const rows = await runIndicator(db.connection, 'telecentros');
    const periods = [...new Set(rows.map((r) => r.period))];
    expect(periods).toHaveLength(24);
    expect(periods[0]).toBe('2022-01');
    expect(periods[23]).toBe('2023-12');
    expect(rows.filter((r) => r.period === '2022-01')).toEqual([
      row('2022-01', 'leste', 'social_assistance', 1),
      row('2022-01', 'leste', '_T', 1),
      row('2022-01', '_T', 'social_assistance', 1),
      row('2022-01', '_T', '_T', 1),
    ]);
    expect(rows.filter((r) => r.period === '2023-06')).toEqual([
      row('2023-06', 'leste', 'ngo', 1),
      row('2023-06', 'leste', 'social_assistance', 1),
      row('2023-06', 'leste', '_T', 2),
      row('2023-06', '_T', 'ngo', 1),
      row('2023-06', '_T', 'social_assistance', 1),
      row('2023-06', '_T', '_T', 2),
    ]);
    expect(rows.filter((r) => r.period === '2023-07')).toEqual([
      row('2023-07', 'barreiro', 'ngo', 1),
      row('2023-07', 'leste', 'ngo', 1),
      row('2023-07', 'leste', 'social_assistance', 1),
      row('2023-07', 'barreiro', '_T', 1),
      row('2023-07', 'leste', '_T', 2),
      row('2023-07', '_T', 'ngo', 2),
      row('2023-07', '_T', 'social_assistance', 1),
      row('2023-07', '_T', '_T', 3),
    ]);
    expect(rows.filter((r) => r.period === '2023-12')).toEqual([
      row('2023-12', 'barreiro', 'ngo', 1),
      row('2023-12', 'leste', 'ngo', 1),
      row('2023-12', 'leste', 'social_assistance', 1),
      row('2023-12', '_U', '_U', 1),
      row('2023-12', 'barreiro', '_T', 1),
      row('2023-12', 'leste', '_T', 2),
      row('2023-12', '_U', '_T', 1),
      row('2023-12', '_T', 'ngo', 2),
      row('2023-12', '_T', 'social_assistance', 1),
      row('2023-12', '_T', '_U', 1),
      row('2023-12', '_T', '_T', 4),
    ]);
    // 17 months × 4 rows, June × 6, July–November 5 × 8, December × 11.
    expect(rows).toHaveLength(17 * 4 + 6 + 5 * 8 + 11);
  });
});

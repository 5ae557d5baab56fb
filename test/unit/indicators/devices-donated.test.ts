import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, runIndicator } from './fixture-db.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

const row = (period: string, device_type: string, region: string, count: number) => ({
  period,
  device_type,
  region,
  value: count,
  n: count,
  status: '',
});

describe('devices-donated.sql', () => {
  it('sums devices across programmes by type × region, type, region and total', async () => {
    const d = (
      month: string,
      region: string | null,
      device_type: string,
      programme: string,
      quantity: number,
    ) => ({
      month,
      region,
      device_type,
      programme,
      quantity,
    });
    await loadTable(db.connection, 'device_donations', [
      d('2024-01', 'leste', 'computer', 'recondicionados', 5),
      d('2024-01', 'leste', 'computer', 'escolas', 3),
      d('2024-01', 'leste', 'tablet', 'recondicionados', 2),
      d('2024-01', 'norte', 'notebook', 'recondicionados', 12),
      d('2024-01', 'norte', 'tablet', 'recondicionados', 0), // nothing donated: no row
      d('2024-01', null, 'notebook', 'escolas', 1),
      d('2024-03', 'oeste', 'tablet', 'escolas', 7),
    ]);
    expect(await runIndicator(db.connection, 'devices-donated')).toEqual([
      row('2024-01', 'computer', 'leste', 8),
      row('2024-01', 'notebook', 'norte', 12),
      row('2024-01', 'notebook', '_U', 1),
      row('2024-01', 'tablet', 'leste', 2),
      row('2024-01', 'computer', '_T', 8),
      row('2024-01', 'notebook', '_T', 13),
      row('2024-01', 'tablet', '_T', 2),
      row('2024-01', '_T', 'leste', 10),
      row('2024-01', '_T', 'norte', 12),
      row('2024-01', '_T', '_U', 1),
      row('2024-01', '_T', '_T', 23),
      row('2024-03', 'tablet', 'oeste', 7),
      row('2024-03', 'tablet', '_T', 7),
      row('2024-03', '_T', 'oeste', 7),
      row('2024-03', '_T', '_T', 7),
    ]);
  });
});

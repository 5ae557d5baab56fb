import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, rounded, runIndicator } from './fixture-db.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

const row = (
  period: string,
  service_id: string,
  category: string,
  value: number,
  n: number,
  digital: number,
) => ({
  period,
  service_id,
  category,
  value,
  n,
  status: '',
  digital,
});

describe('digital-take-up.sql', () => {
  it('divides web + app completions by all completions, by service, by category (current catalogue) and total', async () => {
    const service = (service_id: string, category: string) => ({
      service_id,
      name_pt: service_id,
      name_en: service_id,
      category,
      digital_level: 'full',
      as_of: '2024-02',
    });
    await loadTable(db.connection, 'services', [
      service('s1', 'saude'),
      service('s2', 'saude'),
      service('s3', 'educacao'),
    ]);
    const tx = (month: string, service_id: string, channel: string | null, completed: number) => ({
      month,
      service_id,
      channel,
      completed,
    });
    await loadTable(db.connection, 'transactions', [
      tx('2024-01', 's1', 'web', 30),
      tx('2024-01', 's1', 'app', 10),
      tx('2024-01', 's1', 'in_person', 60),
      tx('2024-01', 's1', null, 10), // channel unknown: counts in the denominator only
      tx('2024-01', 's2', 'phone', 20),
      tx('2024-01', 's2', 'web', 0), // zero completions: left out
      tx('2024-01', 's3', 'app', 5),
      tx('2024-01', 's9', 'web', 5), // not in the catalogue: category _U
      tx('2024-02', 's2', 'web', 10),
    ]);
    const rows = await runIndicator(db.connection, 'digital-take-up');
    expect(rounded(rows)).toEqual(
      rounded([
        row('2024-01', 's1', '_T', (40 / 110) * 100, 110, 40),
        row('2024-01', 's2', '_T', 0, 20, 0),
        row('2024-01', 's3', '_T', 100, 5, 5),
        row('2024-01', 's9', '_T', 100, 5, 5),
        row('2024-01', '_T', 'educacao', 100, 5, 5),
        row('2024-01', '_T', 'saude', (40 / 130) * 100, 130, 40),
        row('2024-01', '_T', '_U', 100, 5, 5),
        row('2024-01', '_T', '_T', (50 / 140) * 100, 140, 50),
        row('2024-02', 's2', '_T', 100, 10, 10),
        row('2024-02', '_T', 'saude', 100, 10, 10),
        row('2024-02', '_T', '_T', 100, 10, 10),
      ]),
    );
  });
});

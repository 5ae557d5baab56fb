import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, rounded, runIndicator } from './fixture-db.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

const row = (category: string, value: number, n: number, fully_digital: number) => ({
  period: '2024-03',
  category,
  value,
  n,
  status: '',
  fully_digital,
});

describe('digital-services-share.sql', () => {
  it('divides fully digital services by all services of the snapshot, by category and total', async () => {
    const service = (service_id: string, category: string | null, digital_level: string) => ({
      service_id,
      name_pt: `Serviço ${service_id}`,
      name_en: `Service ${service_id}`,
      category,
      digital_level,
      as_of: '2024-03',
    });
    await loadTable(db.connection, 'services', [
      service('s1', 'saude', 'full'),
      service('s2', 'saude', 'partial'),
      service('s3', 'saude', 'none'),
      service('s4', 'educacao', 'full'),
      service('s5', null, 'full'),
      service('s6', 'tributos', 'none'),
    ]);
    const rows = await runIndicator(db.connection, 'digital-services-share');
    expect(rounded(rows)).toEqual(
      rounded([
        row('educacao', 100, 1, 1),
        row('saude', 100 / 3, 3, 1),
        row('tributos', 0, 1, 0),
        row('_U', 100, 1, 1),
        row('_T', 50, 6, 3),
      ]),
    );
  });
});

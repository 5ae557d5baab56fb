import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, runIndicator } from './fixture-db.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

const row = (period: string, channel: string, region: string, count: number) => ({
  period,
  channel,
  region,
  value: count,
  n: count,
  status: '',
});

describe('feedback-volume.sql', () => {
  it('counts ratings by channel × region, channel, region and total, with unknowns as _U', async () => {
    const fb = (id: string, channel: string | null, region: string | null, month = '2024-01') => ({
      id,
      service_id: 's1',
      rating: 3,
      outcome: 'completed',
      channel,
      region,
      month,
    });
    await loadTable(db.connection, 'feedback', [
      fb('1', 'web', 'leste'),
      fb('2', 'web', 'leste'),
      fb('3', 'web', null),
      fb('4', 'app', 'leste'),
      fb('5', null, 'norte'),
      fb('6', 'phone', 'oeste', '2024-02'),
    ]);
    expect(await runIndicator(db.connection, 'feedback-volume')).toEqual([
      row('2024-01', 'app', 'leste', 1),
      row('2024-01', 'web', 'leste', 2),
      row('2024-01', 'web', '_U', 1),
      row('2024-01', '_U', 'norte', 1),
      row('2024-01', 'app', '_T', 1),
      row('2024-01', 'web', '_T', 3),
      row('2024-01', '_U', '_T', 1),
      row('2024-01', '_T', 'leste', 3),
      row('2024-01', '_T', 'norte', 1),
      row('2024-01', '_T', '_U', 1),
      row('2024-01', '_T', '_T', 5),
      row('2024-02', 'phone', 'oeste', 1),
      row('2024-02', 'phone', '_T', 1),
      row('2024-02', '_T', 'oeste', 1),
      row('2024-02', '_T', '_T', 1),
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, runIndicator } from './fixture-db.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

const row = (period: string, region: string, people: number, sessions: number | null) => ({
  period,
  region,
  value: people,
  n: people,
  status: '',
  sessions,
});

describe('wifi-reach.sql', () => {
  it('sums the unique users each region reports, by region and for the city', async () => {
    await loadTable(db.connection, 'wifi_reach', [
      { month: '2024-01', region: 'leste', unique_users: 120, sessions: 300 },
      { month: '2024-01', region: 'norte', unique_users: 8, sessions: 20 },
      { month: '2024-01', region: null, unique_users: 15, sessions: 40 },
      { month: '2024-02', region: 'leste', unique_users: 200, sessions: 500 },
      { month: '2024-02', region: 'norte', unique_users: null, sessions: 10 },
    ]);
    expect(await runIndicator(db.connection, 'wifi-reach')).toEqual([
      row('2024-01', 'leste', 120, 300),
      row('2024-01', 'norte', 8, 20),
      row('2024-01', '_U', 15, 40),
      row('2024-01', '_T', 143, 360),
      row('2024-02', 'leste', 200, 500),
      row('2024-02', 'norte', 0, 10), // unique users not reported: 0 people
      row('2024-02', '_T', 200, 510),
    ]);
  });
});

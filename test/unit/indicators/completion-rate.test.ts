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
  value: number,
  n: number,
  completed: number,
  not_eligible: number,
  failed: number,
  gave_up: number,
) => ({
  period,
  service_id,
  value,
  n,
  status: '',
  completed,
  not_eligible,
  failed,
  gave_up,
});

describe('completion-rate.sql', () => {
  it('counts completed + not eligible over ratings with an outcome, by service and total', async () => {
    const fb = (
      id: string,
      service_id: string | null,
      outcome: string | null,
      month = '2024-01',
    ) => ({
      id,
      service_id,
      rating: 4,
      outcome,
      channel: 'web',
      region: 'leste',
      month,
    });
    await loadTable(db.connection, 'feedback', [
      fb('1', 's1', 'completed'),
      fb('2', 's1', 'not_eligible'),
      fb('3', 's1', 'failed'),
      fb('4', 's1', 'gave_up'),
      fb('5', 's1', 'completed'),
      fb('6', 's2', 'failed'),
      fb('7', 's2', null), // no outcome: left out of numerator and denominator
      fb('8', null, 'completed'),
      fb('9', 's2', 'not_eligible', '2024-02'),
    ]);
    const rows = await runIndicator(db.connection, 'completion-rate');
    expect(rounded(rows)).toEqual(
      rounded([
        row('2024-01', 's1', 60, 5, 2, 1, 1, 1), // (2 + 1) / 5
        row('2024-01', 's2', 0, 1, 0, 0, 1, 0),
        row('2024-01', '_U', 100, 1, 1, 0, 0, 0),
        row('2024-01', '_T', (4 / 7) * 100, 7, 3, 1, 2, 1), // (3 + 1) / 7
        row('2024-02', 's2', 100, 1, 0, 1, 0, 0),
        row('2024-02', '_T', 100, 1, 0, 1, 0, 0),
      ]),
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, rounded, runIndicator } from './fixture-db.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

/** Expected row: ratings distribution [r1..r5] given by hand; value and share worked out below. */
function row(
  period: string,
  service_id: string,
  channel: string,
  region: string,
  value: number,
  n: number,
  share: number,
  dist: number[],
) {
  const [rating_1, rating_2, rating_3, rating_4, rating_5] = dist;
  return {
    period,
    service_id,
    channel,
    region,
    value,
    n,
    status: '',
    share_4_5: share,
    rating_1,
    rating_2,
    rating_3,
    rating_4,
    rating_5,
  };
}

describe('user-satisfaction.sql', () => {
  it('computes the GDS score, share of 4–5 and the distribution by service, channel, region and total', async () => {
    const feedback = (
      id: string,
      service_id: string,
      rating: number | null,
      channel: string | null,
      region: string | null,
      month = '2024-01',
    ) => ({
      id,
      service_id,
      rating,
      outcome: 'completed',
      channel,
      region,
      comment: 'never read',
      month,
    });
    await loadTable(db.connection, 'feedback', [
      feedback('1', 's1', 5, 'web', 'leste'),
      feedback('2', 's1', 4, 'app', 'leste'),
      feedback('3', 's1', 1, 'web', null),
      feedback('4', 's2', 3, 'web', 'norte'),
      feedback('5', 's2', null, 'web', 'norte'), // no rating: left out
      feedback('6', 's2', 4, null, 'norte'),
      feedback('7', 's2', 2, 'phone', 'norte', '2024-02'),
    ]);
    const rows = await runIndicator(db.connection, 'user-satisfaction');
    // 2024-01: s1 rated 5, 4, 1 (mean 10/3); s2 rated 3, 4 (mean 3.5); all five: mean 17/5.
    expect(rounded(rows)).toEqual(
      rounded([
        row('2024-01', 's1', '_T', '_T', (10 / 3 - 1) / 4, 3, (2 / 3) * 100, [1, 0, 0, 1, 1]),
        row('2024-01', 's2', '_T', '_T', (3.5 - 1) / 4, 2, 50, [0, 0, 1, 1, 0]),
        row('2024-01', '_T', 'app', '_T', 0.75, 1, 100, [0, 0, 0, 1, 0]),
        row('2024-01', '_T', 'web', '_T', 0.5, 3, (1 / 3) * 100, [1, 0, 1, 0, 1]),
        row('2024-01', '_T', '_U', '_T', 0.75, 1, 100, [0, 0, 0, 1, 0]),
        row('2024-01', '_T', '_T', 'leste', 0.875, 2, 100, [0, 0, 0, 1, 1]),
        row('2024-01', '_T', '_T', 'norte', 0.625, 2, 50, [0, 0, 1, 1, 0]),
        row('2024-01', '_T', '_T', '_U', 0, 1, 0, [1, 0, 0, 0, 0]),
        row('2024-01', '_T', '_T', '_T', (17 / 5 - 1) / 4, 5, 60, [1, 0, 1, 2, 1]),
        row('2024-02', 's2', '_T', '_T', 0.25, 1, 0, [0, 1, 0, 0, 0]),
        row('2024-02', '_T', 'phone', '_T', 0.25, 1, 0, [0, 1, 0, 0, 0]),
        row('2024-02', '_T', '_T', 'norte', 0.25, 1, 0, [0, 1, 0, 0, 0]),
        row('2024-02', '_T', '_T', '_T', 0.25, 1, 0, [0, 1, 0, 0, 0]),
      ]),
    );
  });

  it('returns no rows when there is no feedback', async () => {
    await loadTable(db.connection, 'feedback', []);
    expect(await runIndicator(db.connection, 'user-satisfaction')).toEqual([]);
  });
});

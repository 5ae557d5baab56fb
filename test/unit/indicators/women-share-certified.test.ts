import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, rounded, runIndicator } from './fixture-db.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

const row = (period: string, track: string, value: number, n: number, women: number) => ({
  period,
  track,
  value,
  n,
  status: '',
  women,
});

describe('women-share-certified.sql', () => {
  it('divides cumulative certifications of women by all cumulative certifications, carrying empty months forward', async () => {
    const c = (month: string, track: string | null, gender: string | null, certified: number) => ({
      month,
      course_id: 'c',
      course_name: 'Curso',
      track,
      audience: 'general',
      gender,
      age_band: '18-29',
      region: 'leste',
      certified,
    });
    await loadTable(db.connection, 'course_certifications', [
      c('2024-01', 'basic', 'female', 6),
      c('2024-01', 'basic', 'male', 4),
      c('2024-01', 'programming', 'female', 10),
      // 2024-02: no certifications
      c('2024-03', 'basic', 'not_informed', 5), // counts in the denominator
      c('2024-03', 'web', 'female', 2),
      c('2024-03', null, 'female', 1),
      c('2024-03', 'programming', 'male', 0),
    ]);
    const rows = await runIndicator(db.connection, 'women-share-certified');
    expect(rounded(rows)).toEqual(
      rounded([
        row('2024-01', 'basic', 60, 10, 6),
        row('2024-01', 'programming', 100, 10, 10),
        row('2024-01', '_T', 80, 20, 16),
        row('2024-02', 'basic', 60, 10, 6),
        row('2024-02', 'programming', 100, 10, 10),
        row('2024-02', '_T', 80, 20, 16),
        row('2024-03', 'basic', 40, 15, 6),
        row('2024-03', 'programming', 100, 10, 10),
        row('2024-03', 'web', 100, 2, 2),
        row('2024-03', '_U', 100, 1, 1),
        row('2024-03', '_T', (19 / 28) * 100, 28, 19),
      ]),
    );
  });

  it('returns no rows when there are no certifications', async () => {
    await loadTable(db.connection, 'course_certifications', []);
    expect(await runIndicator(db.connection, 'women-share-certified')).toEqual([]);
  });
});

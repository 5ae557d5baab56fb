import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable, openFixtureDb, runIndicator } from './fixture-db.js';

let db: Awaited<ReturnType<typeof openFixtureDb>>;
beforeAll(async () => {
  db = await openFixtureDb();
});
afterAll(() => db.close());

type Dims = [track: string, audience: string, gender: string, age_band: string];
const row = (period: string, [track, audience, gender, age_band]: Dims, count: number) => ({
  period,
  track,
  audience,
  gender,
  age_band,
  value: count,
  n: count,
  status: '',
});

describe('digital-skills-certified.sql', () => {
  it('sums certifications by track × gender, track, audience, gender, age band and total', async () => {
    const c = (
      month: string,
      track: string | null,
      audience: string,
      gender: string | null,
      age_band: string | null,
      certified: number,
    ) => ({
      month,
      course_id: `c-${track}`,
      course_name: `Curso ${track}`,
      track,
      audience,
      gender,
      age_band,
      region: 'leste',
      certified,
    });
    await loadTable(db.connection, 'course_certifications', [
      c('2024-01', 'basic', 'elderly', 'female', '60+', 12),
      c('2024-01', 'basic', 'elderly', 'male', '60+', 4),
      c('2024-01', 'programming', 'women', 'female', '18-29', 20),
      c('2024-01', 'programming', 'general', 'male', '30-44', 6),
      c('2024-01', 'web', 'youth', 'not_informed', '15-17', 3),
      c('2024-01', null, 'general', null, null, 2),
      c('2024-01', 'basic', 'general', 'female', '30-44', 0), // nobody certified: no effect
      c('2024-02', 'web', 'general', 'other', '45-59', 10),
    ]);
    const T = '_T';
    expect(await runIndicator(db.connection, 'digital-skills-certified')).toEqual([
      row('2024-01', ['basic', T, 'female', T], 12),
      row('2024-01', ['basic', T, 'male', T], 4),
      row('2024-01', ['programming', T, 'female', T], 20),
      row('2024-01', ['programming', T, 'male', T], 6),
      row('2024-01', ['web', T, 'not_informed', T], 3),
      row('2024-01', ['_U', T, '_U', T], 2),
      row('2024-01', ['basic', T, T, T], 16),
      row('2024-01', ['programming', T, T, T], 26),
      row('2024-01', ['web', T, T, T], 3),
      row('2024-01', ['_U', T, T, T], 2),
      row('2024-01', [T, 'elderly', T, T], 16),
      row('2024-01', [T, 'general', T, T], 8),
      row('2024-01', [T, 'women', T, T], 20),
      row('2024-01', [T, 'youth', T, T], 3),
      row('2024-01', [T, T, 'female', T], 32),
      row('2024-01', [T, T, 'male', T], 10),
      row('2024-01', [T, T, 'not_informed', T], 3),
      row('2024-01', [T, T, '_U', T], 2),
      row('2024-01', [T, T, T, '15-17'], 3),
      row('2024-01', [T, T, T, '18-29'], 20),
      row('2024-01', [T, T, T, '30-44'], 6),
      row('2024-01', [T, T, T, '60+'], 16),
      row('2024-01', [T, T, T, '_U'], 2),
      row('2024-01', [T, T, T, T], 47),
      row('2024-02', ['web', T, 'other', T], 10),
      row('2024-02', ['web', T, T, T], 10),
      row('2024-02', [T, 'general', T, T], 10),
      row('2024-02', [T, T, 'other', T], 10),
      row('2024-02', [T, T, T, '45-59'], 10),
      row('2024-02', [T, T, T, T], 10),
    ]);
  });
});

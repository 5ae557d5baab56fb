import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQueryCommand } from '../../../cli/commands/query.js';
import { writeFixtureLake } from './fixture-lake.js';
import { snapshotFiles } from './lake-snapshot.js';
import { testContext, testIo } from './query-io-fixture.js';

let cwd: string;
let lake: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mirante-query-cmd-'));
  lake = join(cwd, '.mirante', 'lake');
  await writeFixtureLake(lake);
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function query(argv: string[], options: Parameters<typeof testIo>[0] = {}) {
  const io = testIo(options);
  const code = await runQueryCommand(
    testContext(cwd, ['--no-sync', '--threads', '1', ...argv], io),
    io,
  );
  return { code, out: io.out(), err: io.err() };
}

const MONTHLY =
  'SELECT month, count(*) AS n, avg(rating) AS mean FROM feedback GROUP BY month ORDER BY month';

describe('mirante query', () => {
  it('prints CSV when stdout is not a terminal', async () => {
    const { code, out, err } = await query([MONTHLY]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe('month,n,mean\n2024-01,100,3\n2024-02,100,3\n2024-03,100,3\n');
  });

  it('prints an aligned table on a terminal', async () => {
    const { code, out } = await query([MONTHLY], { stdoutTTY: true, columns: 100 });
    expect(code).toBe(0);
    expect(out).toContain('│ month   │ n      │ mean   │\n│ varchar │ bigint │ double │');
    expect(out).toContain('│ 2024-02 │    100 │      3 │');
    expect(out.trimEnd().split('\n').at(-1)).toBe('3 rows');
  });

  it('reads the statement from a file with -f, and from stdin when piped', async () => {
    const file = join(cwd, 'question.sql');
    await writeFile(
      file,
      '-- ratings per service\nSELECT service_id, count(*) AS n\nFROM feedback\nGROUP BY 1 ORDER BY 1\nLIMIT 2;\n',
    );
    expect((await query(['-f', 'question.sql'])).out).toBe('service_id,n\nsvc-0,60\nsvc-1,60\n');
    expect((await query([], { input: 'SELECT 42 AS answer' })).out).toBe('answer\n42\n');
  });

  it('prints JSON rows', async () => {
    const { out } = await query([
      '--format',
      'json',
      'SELECT name_en, as_of FROM services ORDER BY 1 LIMIT 2',
    ]);
    expect(JSON.parse(out)).toEqual([
      { name_en: 'Service 0', as_of: '2024-03' },
      { name_en: 'Service 1', as_of: '2024-03' },
    ]);
  });

  it('writes Parquet to --out, outside the sandbox, and reports it', async () => {
    const { code, err } = await query(['--out', 'ratings.parquet', 'SELECT * FROM feedback']);
    expect(code).toBe(0);
    expect(err).toMatch(/Wrote 300 rows to .*ratings\.parquet \(parquet\)/);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const rows = await connection.runAndReadAll(
      `SELECT count(*), count(DISTINCT month) FROM read_parquet('${join(cwd, 'ratings.parquet')}')`,
    );
    expect(rows.getRowsJson()).toEqual([['300', '3']]);
    connection.closeSync();
    instance.closeSync();
  });

  it('refuses to write --out into the lake copy', async () => {
    await expect(query(['--out', '.mirante/lake/curated/x.csv', 'SELECT 1'])).rejects.toThrow(
      /inside the lake copy/,
    );
    expect(existsSync(join(lake, 'curated', 'x.csv'))).toBe(false);
  });

  it('describes the views with their columns, types and row counts', async () => {
    const { code, out } = await query(['--describe']);
    expect(code).toBe(0);
    expect(out).toContain('feedback — Citizen ratings');
    expect(out).toMatch(/300 rows · curated\/feedback\/month=\*\/\*\.parquet/);
    expect(out).toMatch(/rating\s+INTEGER/);
    expect(out).toMatch(/wifi_hotspots — .*\n {2}0 rows · no files in the lake yet/);
    expect(out).toContain('indicator_user_satisfaction — Published indicator user-satisfaction');
    const json = JSON.parse((await query(['--describe', '--format', 'json'])).out) as {
      name: string;
      rows: number;
    }[];
    expect(json.find((v) => v.name === 'transactions')?.rows).toBe(45);
  });

  it('shows DuckDB errors with their position and the closest names', async () => {
    const { code, err, out } = await query(['SELECT ratin FROM feedbak']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('Table with name feedbak does not exist');
    expect(err).toContain('LINE 1: SELECT ratin FROM feedbak');
    expect(err).toContain('Did you mean "feedback"?');
    const column = await query(['SELECT f.ratin FROM feedback f']);
    expect(column.err).toContain('Closest column names: rating (feedback)');
  });

  it('refuses write statements with a clear message and changes nothing', async () => {
    const before = await snapshotFiles(lake);
    const { code, err } = await query([
      `COPY (SELECT 1) TO '${join(lake, 'curated/feedback/month=2024-01/data.parquet')}'`,
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(/^COPY statement refused\. COPY writes files.*--out FILE/);
    expect(await snapshotFiles(lake)).toEqual(before);
  });

  it('stops a statement at the timeout and says how to raise it', async () => {
    const started = Date.now();
    const { code, err } = await query([
      '--timeout',
      '0.5',
      'SELECT sum(i * i % 7) FROM range(100000000000) t(i)',
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(/ran longer than 0\.5 s and was stopped.*--timeout SECONDS/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('opens the interactive prompt without SQL and saves its history', async () => {
    const { code, out } = await query([], {
      stdinTTY: true,
      input: 'SELECT count(*) AS n\nFROM feedback;\n.quit\n',
    });
    expect(code).toBe(0);
    expect(out).toContain(
      'Mirante query — read-only sandbox over .mirante/lake/ (3 datasets with data, 1 published indicator)',
    );
    // stdout is not a terminal here, so the prompt prints CSV.
    expect(out).toContain('   ...> n\n300\n');
    const history = await readFile(join(cwd, '.mirante', 'query_history'), 'utf8');
    expect(history).toBe('SELECT count(*) AS n FROM feedback;\n');
  });

  it('says how to seed or sync when the lake is empty', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'mirante-empty-'));
    try {
      await mkdir(join(empty, '.mirante'), { recursive: true });
      const io = testIo();
      const code = await runQueryCommand(testContext(empty, ['SELECT 1'], io), io);
      expect(code).toBe(1);
      expect(io.err()).toContain('The lake copy at .mirante/lake/ is empty');
      expect(io.err()).toContain('npm start');
      expect(io.err()).toContain('npx mirante seed');
      expect(io.err()).toContain('--lake s3://');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../../cli/query/query-error.js';
import { openQuerySession, type QuerySession } from '../../../cli/query/query-session.js';
import { collectSink } from './collect-sink.js';
import { FIXTURE_MONTHS, RATINGS_PER_MONTH, writeFixtureLake } from './fixture-lake.js';
import { snapshotFiles } from './lake-snapshot.js';

let root: string;
let lake: string;
let session: QuerySession;
let before: Record<string, string>;
const outside = join(tmpdir(), `mirante-escape-${process.pid}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mirante-sandbox-'));
  lake = join(root, 'lake');
  await writeFixtureLake(lake);
  await writeFile(join(root, 'secret.txt'), 'not for analysts\n');
  await mkdir(join(root, 'lake-sibling'));
  await writeFile(join(root, 'lake-sibling', 'secret.csv'), 'a,b\n1,2\n');
  session = await openQuerySession({
    lakeDir: lake,
    stateDir: join(root, 'state'),
    timeoutMs: 10_000,
    threads: 1,
    memoryLimit: '256MB',
  });
  before = await snapshotFiles(root);
});

afterAll(async () => {
  session?.close();
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const lakePath = (p: string) => join(lake, p);

/**
 * Each attempt must fail with a clear error. They are written as an analyst (or a pasted
 * query) would try them; `lake`, `root` and `outside` are filled in at run time.
 */
const ESCAPES: [string, () => string, RegExp][] = [
  [
    'read /etc/passwd with read_csv',
    () => "SELECT * FROM read_csv('/etc/passwd')",
    /Permission Error.*\/etc\/passwd/,
  ],
  [
    'read /proc/self/environ with read_text',
    () => "SELECT * FROM read_text('/proc/self/environ')",
    /Permission Error.*environ/,
  ],
  [
    'read /etc/passwd with read_blob',
    () => "SELECT content FROM read_blob('/etc/passwd')",
    /Permission Error/,
  ],
  [
    'climb out of the lake with ..',
    () => `SELECT * FROM read_text('${lakePath('../secret.txt')}')`,
    /Permission Error/,
  ],
  [
    'read a sibling folder sharing the lake prefix',
    () => `SELECT * FROM read_csv('${root}/lake-sibling/secret.csv')`,
    /Permission Error/,
  ],
  ['glob outside the lake', () => "SELECT * FROM glob('/etc/*')", /Permission Error/],
  [
    'sniff_csv outside the lake',
    () => "SELECT * FROM sniff_csv('/etc/passwd')",
    /Permission Error/,
  ],
  [
    'read the catalog file itself',
    () => `SELECT * FROM read_blob('${root}/state/*')`,
    /Permission Error/,
  ],
  [
    'COPY a view out to /tmp',
    () => `COPY feedback TO '${outside}/feedback.csv'`,
    /Permission Error|COPY statement refused/,
  ],
  [
    'COPY over a lake file',
    () =>
      `COPY (SELECT 1 AS x) TO '${lakePath('curated/feedback/month=2024-01/data.parquet')}' (FORMAT parquet)`,
    /COPY statement refused/,
  ],
  [
    'EXPLAIN ANALYZE COPY into the lake',
    () => `EXPLAIN ANALYZE COPY (SELECT 1) TO '${lakePath('x.csv')}'`,
    /EXPLAIN is accepted only for a SELECT/,
  ],
  [
    'EXPORT DATABASE into the lake',
    () => `EXPORT DATABASE '${lakePath('dump')}'`,
    /EXPORT statement refused/,
  ],
  [
    'ATTACH another database file',
    () => `ATTACH '${outside}.duckdb' AS evil`,
    /Permission Error|ATTACH statement refused/,
  ],
  [
    'ATTACH an in-memory database',
    () => "ATTACH ':memory:' AS scratch",
    /ATTACH statement refused/,
  ],
  ['INSTALL an extension', () => 'INSTALL httpfs', /INSTALL statement refused/],
  ['LOAD an extension', () => 'LOAD httpfs', /LOAD statement refused|Permission Error/],
  [
    'turn external access back on',
    () => 'SET enable_external_access = true',
    /SET statement refused|locked/,
  ],
  [
    'widen allowed_directories',
    () => "SET allowed_directories = ['/']",
    /SET statement refused|locked/,
  ],
  [
    'unlock the configuration',
    () => 'SET lock_configuration = false',
    /SET statement refused|locked/,
  ],
  ['RESET the memory limit', () => 'RESET memory_limit', /SET statement refused|locked/],
  [
    'write profiling output to a file',
    () => `PRAGMA profiling_output = '${outside}-profile.json'`,
    /refused|locked/,
  ],
  ['enable profiling', () => 'PRAGMA enable_profiling', /PRAGMA statement refused/],
  [
    'create a table',
    () => 'CREATE TABLE stolen AS SELECT * FROM feedback',
    /CREATE statement refused/,
  ],
  [
    'shadow a view with a temp view',
    () => "CREATE TEMP VIEW feedback AS SELECT 'forged' AS id",
    /CREATE statement refused/,
  ],
  [
    'smuggle a second statement',
    () => "SELECT 1; CREATE TEMP VIEW services AS SELECT 'forged' AS id",
    /one statement at a time/,
  ],
  [
    'run DDL through query()',
    () => "SELECT * FROM query('CREATE TABLE x AS SELECT 1')",
    /query\(\) is not available/,
  ],
  [
    'write log files into the lake with a SELECT',
    () => `SELECT * FROM enable_logging(storage = 'file', storage_path = '${lakePath('logs')}')`,
    /enable_logging\(\) is not available/,
  ],
  [
    'shadow a view with read_csv rejects tables',
    () =>
      `SELECT * FROM read_csv('${lakePath('curated/feedback/month=2024-01/data.parquet')}', store_rejects = true, rejects_table = 'feedback', ignore_errors = true)`,
    /store_rejects = …\) is refused/,
  ],
  ['CALL a procedure', () => 'CALL checkpoint()', /CALL statement refused/],
  ['set a variable', () => 'SET VARIABLE leak = 1', /SET statement refused/],
];

describe('the analyst sandbox refuses every escape', () => {
  it('has at least 12 escape attempts', () => {
    expect(ESCAPES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(ESCAPES)('%s', async (_name, sql, message) => {
    const sink = collectSink();
    const attempt = session.run(sql(), sink);
    await expect(attempt).rejects.toBeInstanceOf(QueryError);
    await expect(attempt).rejects.toThrow(message);
    expect(sink.rows).toEqual([]);
  });

  it('leaves nothing behind: the lake, catalog and folders are byte-identical', async () => {
    expect(await snapshotFiles(root)).toEqual(before);
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(`${outside}.duckdb`)).toBe(false);
    expect(existsSync(`${outside}-profile.json`)).toBe(false);
  });

  it('still answers from the real views, with the settings locked', async () => {
    const sink = collectSink();
    await session.run(
      `SELECT (SELECT count(*) FROM feedback) AS ratings,
              (SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal) AS temp_views,
              (SELECT count(*) FROM duckdb_tables()) AS tables,
              current_setting('enable_external_access') AS external,
              current_setting('lock_configuration') AS locked`,
      sink,
    );
    expect(sink.rows).toEqual([
      [BigInt(FIXTURE_MONTHS.length * RATINGS_PER_MONTH), 0n, 0n, false, true],
    ]);
  });
});

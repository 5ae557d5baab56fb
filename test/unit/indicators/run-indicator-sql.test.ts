import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IndicatorMetadata,
  indicatorMetadataSchema,
} from '../../../functions/indicators/indicator-metadata.js';
import { IndicatorSqlError } from '../../../functions/indicators/indicator-sql-error.js';
import { runIndicatorSql } from '../../../functions/indicators/run-indicator-sql.js';
import { openFixtureDb } from './fixture-db.js';

const bi = { 'pt-BR': 'x', en: 'x' };

const metadata: IndicatorMetadata = indicatorMetadataSchema.parse({
  id: 'test-indicator',
  theme: 'services',
  keywords: ['k'],
  title: bi,
  description: bi,
  methodology: bi,
  unit: 'percent',
  measures: [
    { name: 'value', label: bi, unit: 'percent' },
    { name: 'extra', label: bi, unit: 'count' },
  ],
  dimensions: ['channel', 'region'],
  breakdowns: [['region'], ['channel'], []],
  min_cell: 10,
  sources: ['feedback'],
  frequency: 'monthly',
  headline: { breakdown: [] },
  chart: 'line',
});

let db: Awaited<ReturnType<typeof openFixtureDb>>;
let connection: DuckDBConnection;

beforeAll(async () => {
  db = await openFixtureDb();
  connection = db.connection;
  await connection.run(`CREATE TABLE t AS SELECT * FROM (VALUES
    ('2024-02', 'web', 'leste', 4), ('2024-01', 'app', NULL, 1), ('2024-01', 'web', 'norte', 3)
  ) v(month, channel, region, x)`);
});
afterAll(() => db.close());

const run = (sql: string) => runIndicatorSql(connection, { metadata, sql });

/** A query over `t` with the given select list and grouping sets. */
const GOOD = `
  WITH base AS (SELECT month AS period, channel, COALESCE(region, '_U') AS region, x FROM t)
  SELECT period, channel, region,
    CAST(100.0 * SUM(x) / 10 AS DECIMAL(9, 2)) AS value,
    COUNT(*) AS n,
    SUM(x) AS extra
  FROM base
  GROUP BY GROUPING SETS ((period, region), (period, channel), (period))`;

describe('runIndicatorSql', () => {
  it('returns typed rows: NULL dimensions as _T, BIGINT/HUGEINT/DECIMAL as numbers, published key order and row order', async () => {
    const rows = await run(GOOD);
    expect(rows).toEqual([
      { period: '2024-01', channel: '_T', region: 'norte', value: 30, n: 1, status: '', extra: 3 },
      { period: '2024-01', channel: '_T', region: '_U', value: 10, n: 1, status: '', extra: 1 },
      { period: '2024-01', channel: 'app', region: '_T', value: 10, n: 1, status: '', extra: 1 },
      { period: '2024-01', channel: 'web', region: '_T', value: 30, n: 1, status: '', extra: 3 },
      { period: '2024-01', channel: '_T', region: '_T', value: 40, n: 2, status: '', extra: 4 },
      { period: '2024-02', channel: '_T', region: 'leste', value: 40, n: 1, status: '', extra: 4 },
      { period: '2024-02', channel: 'web', region: '_T', value: 40, n: 1, status: '', extra: 4 },
      { period: '2024-02', channel: '_T', region: '_T', value: 40, n: 1, status: '', extra: 4 },
    ]);
    expect(Object.keys(rows[0]!)).toEqual([
      'period',
      'channel',
      'region',
      'value',
      'n',
      'status',
      'extra',
    ]);
    expect(typeof rows[0]!.n).toBe('number');
  });

  it('keeps a NULL value (allowed) and accepts explicit _T from GROUPING()', async () => {
    const rows = await run(`SELECT '2024-01' AS period,
      CASE WHEN GROUPING(channel) = 1 THEN '_T' ELSE channel END AS channel, '_T' AS region,
      NULL::DOUBLE AS value, COUNT(*) AS n, 0 AS extra
      FROM t GROUP BY GROUPING SETS ((channel), ())`);
    expect(rows.map((r) => [r.channel, r.value])).toEqual([
      ['app', null],
      ['web', null],
      ['_T', null],
    ]);
  });

  const failures: [string, string, RegExp][] = [
    ['a failing query', 'SELECT * FROM no_such_view', /the query failed: .*no_such_view/],
    [
      'a missing column',
      GOOD.replace('SUM(x) AS extra', 'SUM(x) AS extras'),
      /returns no column "extra"/,
    ],
    [
      'an undeclared column',
      GOOD.replace('SUM(x) AS extra', 'SUM(x) AS extra, 1 AS debug'),
      /returns undeclared column "debug"/,
    ],
    [
      'a period that is not YYYY-MM',
      GOOD.replace('month AS period', "month || '-01' AS period"),
      /row 1: period "2024-0\d-01" is not a YYYY-MM month/,
    ],
    [
      'a non-text dimension',
      GOOD.replace("COALESCE(region, '_U') AS region", 'length(region) AS region'),
      /dimension "region" is 5; dimensions must be non-empty text/,
    ],
    [
      'an undeclared breakdown',
      GOOD.replace(
        '(period, channel), (period)',
        '(period, channel), (period, channel, region), (period)',
      ),
      /has the breakdown \[channel, region\], which is not declared/,
    ],
    [
      'a null n',
      GOOD.replace('COUNT(*) AS n', 'NULL::BIGINT AS n'),
      /n is NULL; n must be a count/,
    ],
    ['a negative n', GOOD.replace('COUNT(*) AS n', '-COUNT(*) AS n'), /n is -1; n must be a count/],
    [
      'an infinite value',
      GOOD.replace('/ 10 AS DECIMAL(9, 2))', '/ 10 AS DECIMAL(9, 2)) / 0.0'),
      /"value" is Infinity, not a finite number/,
    ],
    [
      'a text measure',
      GOOD.replace('SUM(x) AS extra', "'3' AS extra"),
      /"extra" is "3", not a finite number/,
    ],
  ];
  it.each(failures)('fails on %s, naming the SQL file', async (_name, sql, message) => {
    const error = await run(sql).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndicatorSqlError);
    expect((error as IndicatorSqlError).indicatorId).toBe('test-indicator');
    expect((error as Error).message).toMatch(/^queries\/test-indicator\.sql: /);
    expect((error as Error).message).toMatch(message);
  });
});

import { type DuckDBConnection, DuckDBInstance, StatementType } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectedStatementError } from '../../../cli/query/query-error.js';
import { explainedStatement, prepareReadStatement } from '../../../cli/query/statement-guard.js';

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
  await connection.run("CREATE TABLE feedback AS SELECT 4 AS rating, '2024-01' AS month");
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('prepareReadStatement accepts single read statements', () => {
  it.each([
    'SELECT 1',
    'select rating from feedback;',
    'WITH x AS (SELECT 1 AS a) SELECT * FROM x',
    'FROM feedback',
    'VALUES (1), (2)',
    'TABLE feedback',
    'DESCRIBE feedback',
    'SUMMARIZE feedback',
    'SHOW TABLES',
    "SELECT * FROM pragma_table_info('feedback')",
    'SELECT count(*) FROM range(10) t(i), generate_series(1, 2)',
    'SELECT 1 UNION ALL SELECT 2',
    'EXPLAIN SELECT * FROM feedback',
    'EXPLAIN ANALYZE SELECT count(*) FROM feedback',
    '-- a comment\n/* and another */ EXPLAIN ANALYZE SELECT 1',
  ])('%s', async (sql) => {
    const prepared = await prepareReadStatement(connection, sql);
    expect([StatementType.SELECT, StatementType.EXPLAIN]).toContain(prepared.statementType);
    prepared.destroySync();
  });
});

describe('prepareReadStatement refuses everything else, saying why', () => {
  it.each([
    ["COPY feedback TO 'x.csv'", /COPY statement refused.*--out FILE/],
    ['CREATE TEMP VIEW feedback AS SELECT 1', /CREATE statement refused.*read-only.*CTE/],
    ['CREATE TABLE t AS SELECT 1', /CREATE statement refused/],
    ['CREATE MACRO m(a) AS a', /CREATE.*refused/],
    ["INSERT INTO feedback VALUES (1, 'x')", /INSERT statement refused/],
    ['DELETE FROM feedback', /DELETE statement refused/],
    ['UPDATE feedback SET rating = 1', /UPDATE statement refused/],
    ['DROP TABLE feedback', /DROP statement refused/],
    ["ATTACH ':memory:' AS other", /ATTACH statement refused/],
    ['INSTALL httpfs', /INSTALL statement refused.*Extensions/],
    ['FORCE INSTALL httpfs', /FORCE statement refused.*Extensions/],
    ['LOAD httpfs', /LOAD statement refused.*Extensions/],
    ['UPDATE EXTENSIONS', /UPDATE EXTENSIONS statement refused.*Extensions/],
    ['SET threads = 1', /SET statement refused.*locked/],
    ['RESET threads', /SET statement refused.*locked/],
    ['SET VARIABLE x = 1', /SET statement refused/],
    ['PRAGMA enable_profiling', /PRAGMA statement refused/],
    ["PRAGMA table_info('feedback')", /PRAGMA statement refused.*pragma_table_info/],
    ['PIVOT feedback ON month', /one statement at a time.*PIVOT/],
    ["SELECT * FROM query('SELECT 1')", /table function query\(\) is not available/],
    ["SELECT * FROM query_table('feedback')", /table function query_table\(\) is not available/],
    [
      "SELECT * FROM enable_logging(storage = 'file', storage_path = 'logs')",
      /enable_logging\(\) is not available/,
    ],
    ['WITH x AS (SELECT * FROM checkpoint()) SELECT * FROM x', /checkpoint\(\) is not available/],
    [
      "SELECT (SELECT count(*) FROM json_execute_serialized_sql('{}'))",
      /json_execute_serialized_sql\(\) is not available/,
    ],
    ["SELECT * FROM read_csv('x.csv', store_rejects = true)", /store_rejects = …\) is refused/],
    [
      "SELECT * FROM read_csv('x.csv', rejects_table = 'feedback')",
      /rejects_table = …\) is refused/,
    ],
    ["SELECT write_log('x')", /write_log\(\) is not available/],
    ["EXPORT DATABASE 'dump'", /EXPORT statement refused.*writes files/],
    ['CALL pragma_version()', /CALL statement refused.*SELECT \* FROM fn/],
    ['BEGIN TRANSACTION', /BEGIN statement refused.*Transactions/],
    ["EXPLAIN ANALYZE COPY (SELECT 1) TO 'x.csv'", /EXPLAIN is accepted only for a SELECT/],
    ['EXPLAIN CREATE TABLE t AS SELECT 1', /EXPLAIN is accepted only for a SELECT/],
    ['EXPLAIN SELECT * FROM enable_logging()', /enable_logging\(\) is not available/],
    ['SELECT 1; SELECT 2', /one statement at a time.*found 2/],
    ["SELECT 1; COPY feedback TO 'x.csv'", /one statement at a time/],
    ['   ', /No SQL statement/],
    ['-- only a comment', /No SQL statement/],
  ])('%s', async (sql, message) => {
    const attempt = prepareReadStatement(connection, sql);
    await expect(attempt).rejects.toBeInstanceOf(RejectedStatementError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('lets syntax errors through as DuckDB errors, with their position', async () => {
    await expect(prepareReadStatement(connection, 'SELEC 1')).rejects.toThrow(
      /syntax error at or near "SELEC"[\s\S]*LINE 1: SELEC 1/,
    );
  });

  it('leaves the catalog as it was (nothing prepared ran)', async () => {
    const tables = await connection.runAndReadAll(
      'SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal',
    );
    expect(tables.getRowsJson().flat()).toEqual(['feedback']);
    const rows = await connection.runAndReadAll('SELECT count(*) FROM feedback');
    expect(Number(rows.getRows()[0]?.[0])).toBe(1);
  });
});

describe('explainedStatement', () => {
  it.each([
    ['EXPLAIN SELECT 1', 'SELECT 1'],
    ['explain analyze SELECT 1', 'SELECT 1'],
    ['EXPLAIN (FORMAT json) SELECT 1', 'SELECT 1'],
    ["/* c */ EXPLAIN ANALYZE COPY t TO 'x'", "COPY t TO 'x'"],
    ['SELECT 1', undefined],
  ])('%s', (sql, inner) => {
    expect(explainedStatement(sql)).toBe(inner);
  });
});

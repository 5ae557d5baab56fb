import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSink } from '../../../cli/query/create-sink.js';
import { csvValue, displayValue, jsonValue } from '../../../cli/query/format-value.js';
import type { ResultSink } from '../../../cli/query/result-sink.js';
import { runReadQuery } from '../../../cli/query/run-read-query.js';

let dir: string;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirante-sinks-'));
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  connection = await instance.connect();
});

afterAll(async () => {
  connection.closeSync();
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

/** A stdout stand-in that keeps what was written. */
function memoryStream(): Writable & { text: () => string } {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      parts.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => parts.join('') });
}

const SAMPLE = `SELECT * FROM (VALUES
  ('centro-sul', 3::BIGINT, 0.123456789::DOUBLE, 'say "hi", ok', DATE '2024-01-31', [1, 2], NULL::VARCHAR),
  ('leste', 9007199254740993::BIGINT, 2.5::DOUBLE, 'line
break', DATE '2024-02-29', [], 'x')
) t(region, n, score, comment, day, list, maybe)`;

async function run(sink: ResultSink, sql = SAMPLE) {
  return runReadQuery(connection, sql, { sink, timeoutMs: 10_000 });
}

describe('value formatting', () => {
  it('shows NULL, rounds doubles for the terminal and makes line breaks visible', () => {
    expect(displayValue(null)).toBe('NULL');
    expect(displayValue(0.123456789)).toBe('0.123457');
    expect(displayValue(1e-9)).toBe('1.00000e-9');
    expect(displayValue('a\nb')).toBe('a↵b');
  });

  it('quotes CSV cells only when needed', () => {
    expect(csvValue('plain')).toBe('plain');
    expect(csvValue('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvValue(null)).toBe('');
  });

  it('keeps exact integers as JSON numbers and larger ones as strings', () => {
    expect(jsonValue(3n)).toBe(3);
    expect(jsonValue(9007199254740993n)).toBe('9007199254740993');
    expect(jsonValue(Number.NaN)).toBe('NaN');
  });
});

describe('result sinks', () => {
  it('writes CSV with a header and RFC 4180 quoting', async () => {
    const stdout = memoryStream();
    await run(createSink({ format: 'csv', stdout }));
    expect(stdout.text()).toBe(
      'region,n,score,comment,day,list,maybe\n' +
        'centro-sul,3,0.123456789,"say ""hi"", ok",2024-01-31,"[1, 2]",\n' +
        'leste,9007199254740993,2.5,"line\nbreak",2024-02-29,[],x\n',
    );
  });

  it('writes a JSON array of row objects', async () => {
    const stdout = memoryStream();
    await run(createSink({ format: 'json', stdout }));
    expect(JSON.parse(stdout.text())).toEqual([
      {
        region: 'centro-sul',
        n: 3,
        score: 0.123456789,
        comment: 'say "hi", ok',
        day: '2024-01-31',
        list: [1, 2],
        maybe: null,
      },
      {
        region: 'leste',
        n: '9007199254740993',
        score: 2.5,
        comment: 'line\nbreak',
        day: '2024-02-29',
        list: [],
        maybe: 'x',
      },
    ]);
  });

  it('writes an empty JSON array for no rows', async () => {
    const stdout = memoryStream();
    await run(createSink({ format: 'json', stdout }), 'SELECT 1 AS a WHERE false');
    expect(JSON.parse(stdout.text())).toEqual([]);
  });

  it('shows the first rows of a terminal table and counts the rest', async () => {
    const stdout = memoryStream();
    await run(
      createSink({ format: 'table', stdout, maxRows: 3, columns: 80 }),
      'SELECT range AS i FROM range(5000)',
    );
    const lines = stdout.text().trimEnd().split('\n');
    expect(lines.filter((l) => /^│\s+\d+ │$/.test(l))).toHaveLength(3);
    expect(lines.at(-1)).toBe('5,000 rows, first 3 shown (use --format csv or --out FILE for all)');
  });

  it('writes Parquet to --out from a separate DuckDB, with the same rows and types', async () => {
    const out = join(dir, 'result.parquet');
    const result = await run(createSink({ format: 'parquet', out, stdout: memoryStream() }));
    expect(result.rowCount).toBe(2);
    const back = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${out}')`);
    expect(back.getRowObjectsJson().map((r) => `${r.column_name} ${r.column_type}`)).toEqual([
      'region VARCHAR',
      'n BIGINT',
      'score DOUBLE',
      'comment VARCHAR',
      'day DATE',
      'list INTEGER[]',
      'maybe VARCHAR',
    ]);
    const rows = await connection.runAndReadAll(
      `SELECT region, n, comment FROM read_parquet('${out}') ORDER BY region`,
    );
    expect(rows.getRowsJson()).toEqual([
      ['centro-sul', '3', 'say "hi", ok'],
      ['leste', '9007199254740993', 'line\nbreak'],
    ]);
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('writes a file through a temporary name and leaves nothing when the query fails', async () => {
    const out = join(dir, 'failed.csv');
    await expect(
      run(
        createSink({ format: 'csv', out, stdout: memoryStream() }),
        "SELECT CAST('x' AS INTEGER) AS bad FROM range(3)",
      ),
    ).rejects.toThrow(/Conversion Error/);
    const failedParquet = join(dir, 'failed.parquet');
    await expect(
      run(
        createSink({ format: 'parquet', out: failedParquet, stdout: memoryStream() }),
        "SELECT error('boom') AS x FROM range(5000)",
      ),
    ).rejects.toThrow(/boom/);
    expect((await readdir(dir)).filter((f) => f.startsWith('failed'))).toEqual([]);
  });

  it('writes a complete, uncut table to a file', async () => {
    const out = join(dir, 'table.txt');
    await run(
      createSink({ format: 'table', out, stdout: memoryStream() }),
      `SELECT repeat('x', 80) AS wide FROM range(50)`,
    );
    const text = await readFile(out, 'utf8');
    expect(text).toContain('x'.repeat(80));
    expect(text.trimEnd().split('\n').at(-1)).toBe('50 rows');
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRowsToParquet } from '../../../functions/compute/json-rows-to-parquet.js';
import type { IndicatorRow } from '../../../functions/publish/indicator-row.js';

const metadata = {
  dimensions: ['channel'],
  measures: [
    { name: 'value', label: { 'pt-BR': 'v', en: 'v' }, unit: 'score' as const },
    { name: 'share_4_5', label: { 'pt-BR': 's', en: 's' }, unit: 'percent' as const },
  ],
};
const rows: IndicatorRow[] = [
  { period: '2025-01', channel: '_T', value: 0.75, n: 40, status: '', share_4_5: 62.5 },
  { period: '2025-01', channel: 'web', value: null, n: null, status: 'C', share_4_5: null },
  { period: '2025-02', channel: 'app', value: 1, n: 12, status: 'p', share_4_5: 100 },
];

let dir: string;
let instance: DuckDBInstance;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirante-parquet-'));
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
});
afterAll(async () => {
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe('jsonRowsToParquet', () => {
  it('writes the rows in order with the published columns and types', async () => {
    const connection = await instance.connect();
    const bytes = await jsonRowsToParquet(connection, metadata, JSON.stringify(rows), dir);
    const file = join(dir, 'out.parquet');
    await writeFile(file, bytes);
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
    expect(reader.columnNames()).toEqual([
      'period',
      'channel',
      'value',
      'n',
      'status',
      'share_4_5',
    ]);
    expect(reader.getRowObjectsJson()).toEqual([
      { period: '2025-01', channel: '_T', value: 0.75, n: '40', status: '', share_4_5: 62.5 },
      { period: '2025-01', channel: 'web', value: null, n: null, status: 'C', share_4_5: null },
      { period: '2025-02', channel: 'app', value: 1, n: '12', status: 'p', share_4_5: 100 },
    ]);
    connection.closeSync();
  });

  it('reads the JSON numbers back as the same doubles, and an empty array as no rows', async () => {
    const connection = await instance.connect();
    const values = [0.1, 1 / 3, 2 / 3, 1e-7, 123456.789, 0.30000000000000004, 5e-324];
    const many = values.map((value, i) => ({
      period: '2025-03',
      channel: `c${i}`,
      value,
      n: 2 ** 40 + i,
      status: '' as const,
      share_4_5: -value,
    }));
    const file = join(dir, 'numbers.parquet');
    await writeFile(file, await jsonRowsToParquet(connection, metadata, JSON.stringify(many), dir));
    const back = await connection.runAndReadAll(`SELECT value, n, share_4_5 FROM '${file}'`);
    expect(back.getRowObjectsJS()).toEqual(
      many.map((r) => ({ value: r.value, n: BigInt(r.n), share_4_5: r.share_4_5 })),
    );
    const empty = join(dir, 'empty.parquet');
    await writeFile(empty, await jsonRowsToParquet(connection, metadata, '[]', dir));
    const none = await connection.runAndReadAll(`SELECT * FROM '${empty}'`);
    expect(none.currentRowCount).toBe(0);
    expect(none.columnNames()).toEqual(['period', 'channel', 'value', 'n', 'status', 'share_4_5']);
    connection.closeSync();
  });

  it('reads arrays larger than DuckDB’s 16 MB maximum JSON object size', async () => {
    const connection = await instance.connect();
    const large = Array.from({ length: 60_000 }, (_, i) => ({
      period: '2025-04',
      channel: `${'x'.repeat(250)}${i}`,
      value: i / 7,
      n: i,
      status: '' as const,
      share_4_5: null,
    }));
    const json = JSON.stringify(large);
    expect(json.length).toBeGreaterThan(16 * 1024 * 1024);
    const file = join(dir, 'large.parquet');
    await writeFile(file, await jsonRowsToParquet(connection, metadata, json, dir));
    const back = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS rows, sum(n)::BIGINT AS n, max(value) AS top FROM '${file}'`,
    );
    expect(back.getRowObjectsJS()).toEqual([
      { rows: 60_000, n: BigInt((59_999 * 60_000) / 2), top: 59_999 / 7 },
    ]);
    connection.closeSync();
  });

  it('gives the same bytes for the same rows', async () => {
    const connection = await instance.connect();
    const a = await jsonRowsToParquet(connection, metadata, JSON.stringify(rows), dir);
    const b = await jsonRowsToParquet(connection, metadata, JSON.stringify(rows), dir);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a.subarray(0, 4)).toString()).toBe('PAR1');
    connection.closeSync();
  });
});

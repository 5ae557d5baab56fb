import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsToParquet } from '../../../functions/compute/rows-to-parquet.js';
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

describe('rowsToParquet', () => {
  it('writes the rows in order with the published columns and types', async () => {
    const connection = await instance.connect();
    const bytes = await rowsToParquet(connection, metadata, rows, dir);
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

  it('gives the same bytes for the same rows', async () => {
    const connection = await instance.connect();
    const a = await rowsToParquet(connection, metadata, rows, dir);
    const b = await rowsToParquet(connection, metadata, rows, dir);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a.subarray(0, 4)).toString()).toBe('PAR1');
    connection.closeSync();
  });
});

import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { containsLine } from '../../../functions/lake/feedback-exists-in-lake.js';
import { ID_SHARD_SQL, idShard, idShardCount } from '../../../functions/lake/feedback-id-index.js';

describe('feedback id index', () => {
  it('shards ids the same way in JavaScript and in DuckDB', async () => {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      const ids = Array.from({ length: 200 }, (_, i) => `id-${i}-${'x'.repeat(i % 7)}`);
      for (const shards of [1, 2, 8, 64]) {
        const reader = await connection.runAndReadAll(
          `SELECT ${ID_SHARD_SQL(shards)} AS s FROM unnest(string_split($1, ',')) AS t(id)`,
          [ids.join(',')],
        );
        expect(reader.getRows().map((r) => Number(r[0]))).toEqual(
          ids.map((id) => idShard(id, shards)),
        );
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('splits a month into more shards as it grows, up to 64', () => {
    expect(idShardCount(0)).toBe(1);
    expect(idShardCount(40_000)).toBe(1);
    expect(idShardCount(40_001)).toBe(2);
    expect(idShardCount(400_000)).toBe(16);
    expect(idShardCount(1e9)).toBe(64);
  });

  it('finds whole lines of a sorted list only', () => {
    const text = 'aaa\nabc\nabd\nb\nzz\n';
    for (const line of ['aaa', 'abc', 'abd', 'b', 'zz'])
      expect(containsLine(text, line)).toBe(true);
    for (const line of ['ab', 'a', 'abcd', 'c', '', 'zzz'])
      expect(containsLine(text, line)).toBe(false);
    expect(containsLine('', 'a')).toBe(false);
    expect(containsLine('only', 'only')).toBe(true);
  });
});

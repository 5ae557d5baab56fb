import { describe, expect, it } from 'vitest';
import { batchSetOf, MissingBatchObject } from '../../../functions/compute/metric-batch-set.js';
import type { MetricBatchRecord } from '../../../functions/datasets/metric-batch-record.js';

const record = (
  batchId: string,
  activatedAt: string,
  keys: string[],
  extra: Partial<MetricBatchRecord> = {},
): MetricBatchRecord => ({
  dataset: 'transactions',
  batchId,
  rawKey: `raw/metrics/transactions/batch=${batchId}/rows.jsonl.gz`,
  rows: keys.length,
  sha256: batchId,
  submitter: 'test',
  createdAt: activatedAt,
  activatedAt,
  replacementKeys: keys,
  replaced: [],
  ...extra,
});
const etags = (...ids: string[]) =>
  new Map(ids.map((id) => [`raw/metrics/transactions/batch=${id}/rows.jsonl.gz`, `etag-${id}`]));
const TZ = 'America/Sao_Paulo';

describe('batchSetOf', () => {
  const a = record('a', '2025-05-01T10:00:00.000Z', ['2025-04|s1', '2025-04|s2']);
  const b = record('b', '2025-05-02T10:00:00.000Z', ['2025-04|s1']);

  it('lists the batches in force with the keys each one keeps', () => {
    const set = batchSetOf([b, a], etags('a', 'b'), TZ);
    expect(set.batches).toEqual([
      { batchId: 'a', rawKey: a.rawKey, etag: 'etag-a', keys: ['2025-04|s2'], asOf: '2025-05' },
      { batchId: 'b', rawKey: b.rawKey, etag: 'etag-b', keys: ['2025-04|s1'], asOf: '2025-05' },
    ]);
  });

  it('has a hash that changes with a retraction or a new ETag, not with the record order', () => {
    const base = batchSetOf([a, b], etags('a', 'b'), TZ).hash;
    expect(batchSetOf([b, a], etags('a', 'b'), TZ).hash).toBe(base);
    const retracted = batchSetOf(
      [a, { ...b, retractedAt: '2025-05-03T00:00:00.000Z' }],
      etags('a', 'b'),
      TZ,
    );
    expect(retracted.hash).not.toBe(base);
    expect(retracted.batches.map((x) => x.keys)).toEqual([['2025-04|s1', '2025-04|s2']]);
    const changed = new Map([...etags('a', 'b'), [a.rawKey, 'other']]);
    expect(batchSetOf([a, b], changed, TZ).hash).not.toBe(base);
  });

  it('fails when a batch in force has no rows in the lake', () => {
    expect(() => batchSetOf([a], new Map(), TZ)).toThrow(MissingBatchObject);
  });

  it('is empty for a dataset without batches', () => {
    expect(batchSetOf([], new Map(), TZ).batches).toEqual([]);
  });
});

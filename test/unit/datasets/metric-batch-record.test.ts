import { describe, expect, it } from 'vitest';
import {
  batchRecordFromItem,
  batchRecordToItem,
  INLINE_REPLACEMENT_KEYS_MAX,
  type MetricBatchRecord,
} from '../../../functions/datasets/metric-batch-record.js';

const record = (keys: number): MetricBatchRecord => ({
  dataset: 'transactions',
  batchId: '0123456789abcdef0123',
  rawKey: 'raw/metrics/transactions/batch=0123456789abcdef0123/rows.jsonl.gz',
  rows: keys * 5,
  sha256: 'f'.repeat(64),
  submitter: 'local-staff',
  createdAt: '2025-05-02T10:00:00.000Z',
  activatedAt: '2025-05-02T10:00:00.000Z',
  replacementKeys: Array.from(
    { length: keys },
    (_, i) => `2025-04|svc-${String(i).padStart(5, '0')}`,
  ),
  replaced: ['aaaaaaaaaaaaaaaaaaaa'],
});

describe('batch record items', () => {
  it('round-trips a small record with its keys as a list', () => {
    const item = batchRecordToItem(record(3));
    expect(item.replacement_keys).toHaveLength(3);
    expect(item).toMatchObject({ pk: 'BATCH#transactions', sk: 'BATCH#0123456789abcdef0123' });
    expect(batchRecordFromItem(item)).toEqual({ ...record(3), retractedAt: undefined });
  });

  it('stores tens of thousands of keys gzipped, well below the 400 KB item limit', () => {
    const big = record(40_000);
    const item = batchRecordToItem(big);
    expect(item.replacement_keys).toBeUndefined();
    const gz = item.replacement_keys_gz as Uint8Array;
    expect(gz.byteLength).toBeLessThan(150_000); // ≈2.6 bytes a key
    expect(batchRecordFromItem(item).replacementKeys).toEqual(big.replacementKeys);
    expect(batchRecordToItem(record(INLINE_REPLACEMENT_KEYS_MAX)).replacement_keys).toBeDefined();
  });
});

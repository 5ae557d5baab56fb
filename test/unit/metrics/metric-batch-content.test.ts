import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../../functions/datasets/datasets.js';
import {
  canonicalRowLine,
  contentSha256,
  encodeMetricBatch,
  metricBatchContent,
} from '../../../functions/metrics/metric-batch-content.js';
import { GOOD_ROWS } from '../datasets/fixtures.js';

const tx = DATASETS.transactions;
const row = (month: string, service_id: string, channel: string, completed: number) => ({
  month,
  service_id,
  channel,
  completed,
});

describe('metricBatchContent', () => {
  it('writes each row with the contract column order and JSON types', () => {
    const reordered = { completed: 5, channel: 'web', service_id: 'svc-1', month: '2025-01' };
    expect(canonicalRowLine(tx, reordered)).toBe(
      '{"month":"2025-01","service_id":"svc-1","channel":"web","completed":5}',
    );
    expect(canonicalRowLine(DATASETS['wifi-hotspots'], GOOD_ROWS['wifi-hotspots'])).toBe(
      '{"hotspot_id":"wifi-0001","region":"barreiro","vulnerable_area":true,"latitude":-19.9767,"longitude":-44.0206,"active_since":"2021-03-15"}',
    );
  });

  it('gives the same id and bytes whatever the row order; another dataset or value, another id', () => {
    const rows = [row('2025-01', 'svc-1', 'web', 5), row('2025-02', 'svc-2', 'app', 7)];
    const a = metricBatchContent(tx, rows);
    const b = metricBatchContent(tx, [...rows].reverse());
    expect(b.batchId).toBe(a.batchId);
    expect(a.batchId).toMatch(/^[0-9a-f]{20}$/);
    expect(encodeMetricBatch(b.lines).equals(encodeMetricBatch(a.lines))).toBe(true);
    expect(a.replacementKeys).toEqual(['2025-01|svc-1', '2025-02|svc-2']);
    expect(metricBatchContent(tx, [rows[0] as never]).batchId).not.toBe(a.batchId);
    expect(
      metricBatchContent(tx, [row('2025-01', 'svc-1', 'web', 6), rows[1] as never]).batchId,
    ).not.toBe(a.batchId);
  });

  it('holds for any permutation (property)', () => {
    const rows = Array.from({ length: 12 }, (_, i) =>
      row(`2025-${String((i % 12) + 1).padStart(2, '0')}`, `svc-${i}`, 'web', i),
    );
    const id = metricBatchContent(tx, rows).batchId;
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: 12, maxLength: 12 }), (shuffled) => {
        expect(metricBatchContent(tx, shuffled).batchId).toBe(id);
      }),
      { numRuns: 200 },
    );
  });

  it('names a snapshot’s only key "*" and stores NDJSON that reads back to the rows', () => {
    const content = metricBatchContent(DATASETS.services, [GOOD_ROWS.services]);
    expect(content.replacementKeys).toEqual(['*']);
    const text = gunzipSync(encodeMetricBatch(content.lines)).toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([GOOD_ROWS.services]);
    // gzip header: no timestamp (bytes 4–7 are zero).
    expect([...encodeMetricBatch(content.lines).subarray(4, 8)]).toEqual([0, 0, 0, 0]);
  });

  it('hashes the submitted content as sent', () => {
    expect(contentSha256('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(contentSha256(new TextEncoder().encode('abc'))).toBe(contentSha256('abc'));
  });
});

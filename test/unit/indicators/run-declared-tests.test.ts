import { describe, expect, it } from 'vitest';
import type { IndicatorMetadata } from '../../../functions/indicators/indicator-metadata.js';
import { loadDimensionRegistry } from '../../../functions/indicators/load-dimension-registry.js';
import { runDeclaredTests } from '../../../functions/indicators/run-declared-tests.js';
import type { IndicatorRow } from '../../../functions/publish/indicator-row.js';

const metadata: Pick<IndicatorMetadata, 'dimensions' | 'tests'> = {
  dimensions: ['region'],
  tests: [
    { test: 'range', column: 'value', min: 0, max: 100 },
    { test: 'range', column: 'n', min: 1 },
    { test: 'not_null', column: 'value' },
    { test: 'unique_grain' },
  ],
};

const row = (
  region: string,
  value: number | null,
  n: number | null,
  status: IndicatorRow['status'] = '',
  period = '2024-01',
): IndicatorRow => ({
  period,
  region,
  value,
  n,
  status,
});

describe('runDeclaredTests', () => {
  it('passes valid rows (suppressed rows with null value included)', () => {
    const rows = [
      row('_T', 55, 40),
      row('leste', 50, 30),
      row('norte', null, null, 'C'),
      row('norte', 20, 12, '', '2024-02'),
    ];
    expect(runDeclaredTests(rows, metadata)).toEqual([]);
  });

  it('reports range, not_null and unique_grain failures with counts and examples', () => {
    const rows = [
      row('_T', 101, 40),
      row('leste', -1, 0),
      row('leste', null, 5),
      row('norte', 10, 20),
      row('norte', 10, 20),
    ];
    const failures = runDeclaredTests(rows, metadata);
    expect(failures.map((f) => [f.test, f.column, f.failingRows])).toEqual([
      ['range', 'value', 2],
      ['range', 'n', 1],
      ['not_null', 'value', 1],
      ['unique_grain', undefined, 2],
    ]);
    expect(failures[0]!.message).toBe('value outside [0, 100] (2 rows)');
    expect(failures[0]!.examples).toEqual([rows[0], rows[1]]);
    // The duplicates: rows 3 and 4 share (2024-01, leste) with row 2, row 5 shares with row 4.
    expect(failures[3]!.examples).toEqual([rows[2], rows[4]]);
  });

  it('with the registry, reports dimension values it does not list (not _T, _U or dynamic ones)', async () => {
    const registry = await loadDimensionRegistry('queries/dimensions.yaml');
    const rows = [
      row('_T', 1, 20),
      row('_U', 1, 20),
      row('leste', 1, 20),
      row('Leste', 1, 20),
      row('centro', 1, 20),
    ];
    const failures = runDeclaredTests(rows, { dimensions: ['region'], tests: [] }, registry);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ test: 'known_values', column: 'region', failingRows: 2 });
    const dynamic = runDeclaredTests(
      [{ ...row('_T', 1, 20), service_id: 'anything' }],
      { dimensions: ['service_id'], tests: [] },
      registry,
    );
    expect(dynamic).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../../functions/datasets/datasets.js';
import {
  assertMetricReferences,
  metricReferenceErrors,
} from '../../../functions/metrics/metric-reference-errors.js';
import { ProblemError } from '../../../functions/shared/problem.js';

const services = (ids: string[]) =>
  new Map([['service_id', { dataset: 'services', values: new Set(ids) }]]);
const tx = (month: string, service_id: string) => ({
  month,
  service_id,
  channel: 'web',
  completed: 1,
});

describe('metricReferenceErrors', () => {
  it('accepts past and current months and known services', () => {
    const result = metricReferenceErrors(
      DATASETS.transactions,
      { format: 'json', rows: [tx('2025-04', 'a'), tx('2025-05', 'b')], rowNumbers: [1, 2] },
      { currentMonth: '2025-05', allowed: services(['a', 'b']) },
    );
    expect(result).toEqual({ errors: [], errorCount: 0 });
  });

  it('reports future months and unknown services with the author’s row numbers', () => {
    const result = metricReferenceErrors(
      DATASETS.transactions,
      {
        format: 'csv',
        rows: [tx('2025-06', 'a'), tx('2025-01', 'zz')],
        rowNumbers: [2, 5],
      },
      { currentMonth: '2025-05', allowed: services(['a']) },
    );
    expect(result.errorCount).toBe(2);
    expect(result.errors).toEqual([
      {
        row: 2,
        column: 'month',
        value: '2025-06',
        message: 'is in the future (the current month is 2025-05)',
        pointer: '/rows/0/month',
      },
      {
        row: 5,
        column: 'service_id',
        value: 'zz',
        message: 'is not in the current services dataset (1 entries)',
        pointer: '/rows/3/service_id',
      },
    ]);
  });

  it('explains an empty catalogue, counts every error and lists at most 100', () => {
    const rows = Array.from({ length: 150 }, (_, i) => tx('2025-01', `s${i}`));
    const result = metricReferenceErrors(
      DATASETS.transactions,
      { format: 'json', rows, rowNumbers: rows.map((_, i) => i + 1) },
      { currentMonth: '2025-05', allowed: services([]) },
    );
    expect(result.errorCount).toBe(150);
    expect(result.errors).toHaveLength(100);
    expect(result.errors[0]?.message).toContain('submit services first');
  });

  it('checks months of every periodic dataset, not dates of snapshots', () => {
    const reach = { month: '2031-01', region: 'norte', unique_users: 1, sessions: 1 };
    expect(() =>
      assertMetricReferences(
        DATASETS['wifi-reach'],
        { format: 'json', rows: [reach], rowNumbers: [1] },
        { currentMonth: '2030-12', allowed: new Map() },
      ),
    ).toThrow(ProblemError);
    const hotspot = {
      hotspot_id: 'h',
      region: 'norte',
      vulnerable_area: false,
      latitude: -19.9,
      longitude: -43.9,
      active_since: '2031-05-01',
    };
    expect(
      metricReferenceErrors(
        DATASETS['wifi-hotspots'],
        { format: 'json', rows: [hotspot], rowNumbers: [1] },
        { currentMonth: '2030-12', allowed: new Map() },
      ).errorCount,
    ).toBe(0);
  });
});

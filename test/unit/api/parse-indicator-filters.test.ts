import { describe, expect, it } from 'vitest';
import { filterRows, filtersAreEmpty } from '../../../functions/api/filter-rows.js';
import {
  filtersKey,
  parseIndicatorFilters,
} from '../../../functions/api/parse-indicator-filters.js';
import type { IndicatorRow } from '../../../functions/publish/indicator-row.js';
import { ProblemError } from '../../../functions/shared/problem.js';

const row = (period: string, service_id: string, age_band: string): IndicatorRow => ({
  period,
  service_id,
  age_band,
  value: 1,
  n: 10,
  status: '',
});
const services = Array.from({ length: 40 }, (_, i) => `svc-${String(i + 1).padStart(4, '0')}`);
const document = {
  indicator: { id: 'fixture', dimensions: ['service_id', 'age_band'] },
  data: [
    ...services.map((s) => row('2025-01', s, '_T')),
    row('2025-02', '_T', '60+'),
    row('2025-02', '_T', '18-29'),
    row('2025-03', '_T', '_T'),
    row('2025-03', '_U', '_T'),
  ],
};
const registry = {
  dimensions: {
    age_band: {
      label: { 'pt-BR': 'Faixa', en: 'Band' },
      values: {
        '15-17': { 'pt-BR': '15–17', en: '15–17' },
        '18-29': { 'pt-BR': '18–29', en: '18–29' },
        '60+': { 'pt-BR': '60+', en: '60+' },
      },
    },
  },
};

const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProblemError) return error.toBody();
    throw error;
  }
  throw new Error('expected a problem');
};

describe('parseIndicatorFilters', () => {
  it('parses periods and comma-separated or repeated dimension values', () => {
    const filters = parseIndicatorFilters(
      document,
      { from: '2025-02', service_id: ['svc-0002,svc-0001', ' _T '], lang: 'en' },
      { registry },
    );
    expect(filters.from).toBe('2025-02');
    expect(filters.to).toBeUndefined();
    expect(filters.dimensions).toEqual(
      new Map([['service_id', new Set(['svc-0002', 'svc-0001', '_T'])]]),
    );
    expect(filtersKey(filters)).toBe('from=2025-02&to=&service_id=_T,svc-0001,svc-0002');
  });

  it('reads a + that arrived as a space, and accepts URLSearchParams', () => {
    const filters = parseIndicatorFilters(document, new URLSearchParams('age_band=60+'));
    expect(filters.dimensions.get('age_band')).toEqual(new Set(['60+']));
  });

  it('ignores empty values (an HTML form’s “all”)', () => {
    const filters = parseIndicatorFilters(document, { service_id: '', from: '', age_band: ',' });
    expect(filtersAreEmpty(filters)).toBe(true);
  });

  it('accepts extra parameters the caller handles', () => {
    expect(() => parseIndicatorFilters(document, { width: '600' })).toThrow(ProblemError);
    expect(() =>
      parseIndicatorFilters(document, { width: '600' }, { extraParameters: ['width'] }),
    ).not.toThrow();
  });

  it('names the valid parameters for an unknown one', () => {
    const body = problemOf(() => parseIndicatorFilters(document, { servce_id: 'x' }));
    expect(body.status).toBe(400);
    expect(body.detail).toContain("Did you mean 'service_id'?");
    expect(body.validParameters).toEqual(['from', 'to', 'lang', 'service_id', 'age_band']);
    expect(body.errors).toEqual([{ pointer: '/servce_id', detail: 'unknown parameter' }]);
  });

  it('names the allowed values, truncating a long list', () => {
    const body = problemOf(() => parseIndicatorFilters(document, { service_id: 'svc-9999' }));
    expect(body.detail).toContain('Allowed values: svc-0001, svc-0002');
    expect(body.detail).toContain('… and 22 more');
    expect(body.detail).not.toContain('svc-0030');
    expect(body.allowedValuesCount).toBe(42);
    expect((body.allowedValues as string[]).slice(-2)).toEqual(['_U', '_T']);
  });

  it('accepts registry values without rows and lists them in registry order', () => {
    const filters = parseIndicatorFilters(document, { age_band: '15-17' }, { registry });
    expect(filterRows(document.data, filters)).toEqual([]);
    const body = problemOf(() => parseIndicatorFilters(document, { age_band: '99' }, { registry }));
    expect(body.allowedValues).toEqual(['15-17', '18-29', '60+', '_T']);
    expect(() => parseIndicatorFilters(document, { age_band: '15-17' })).toThrow(ProblemError);
  });

  it.each([['2025-1'], ['2025-13'], ['25-01'], ['2025-01,2025-02']])('rejects from=%s', (from) => {
    expect(problemOf(() => parseIndicatorFilters(document, { from })).detail).toContain('YYYY-MM');
  });

  it('rejects from after to', () => {
    expect(
      problemOf(() => parseIndicatorFilters(document, { from: '2025-03', to: '2025-01' })).detail,
    ).toContain('after');
  });
});

describe('filterRows', () => {
  it('keeps rows within the periods and the asked values, in order', () => {
    const filters = parseIndicatorFilters(document, {
      from: '2025-02',
      to: '2025-03',
      service_id: '_T',
    });
    expect(filterRows(document.data, filters).map((r) => [r.period, r.age_band])).toEqual([
      ['2025-02', '60+'],
      ['2025-02', '18-29'],
      ['2025-03', '_T'],
    ]);
  });

  it('returns the same array when nothing is filtered', () => {
    expect(filterRows(document.data, parseIndicatorFilters(document, {}))).toBe(document.data);
  });
});

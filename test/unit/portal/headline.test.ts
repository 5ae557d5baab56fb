import { describe, expect, it } from 'vitest';
import { headlineOf } from '../../../functions/portal/headline.js';
import { NO_FILTERS } from '../../../functions/portal/row-filters.js';
import { row, testIndicator } from './chart-builders.js';

describe('headlineOf', () => {
  const indicator = testIndicator();

  it('shows the latest complete period and its trend against the previous one', () => {
    const data = [
      row('2025-03', 0.6),
      row('2025-04', 0.7),
      row('2025-05', 0.75, {}, 'p'),
      row('2025-05', null, { region: 'leste' }),
    ];
    const headline = headlineOf({ indicator, data }, NO_FILTERS);
    expect(headline?.period).toBe('2025-04');
    expect(headline?.value).toBe(0.7);
    expect(headline?.trend?.period).toBe('2025-03');
    expect(headline?.trend?.delta).toBeCloseTo(0.1, 10);
    expect(headline?.trend?.relative).toBeUndefined();
  });

  it('treats a month with a suppressed current-month cell as partial', () => {
    const data = [
      row('2025-04', 0.7),
      row('2025-05', 0.75, {}, 'p'),
      row('2025-05', null, { region: 'leste' }, 'C'),
    ];
    expect(headlineOf({ indicator, data }, NO_FILTERS)?.period).toBe('2025-04');
  });

  it('shows the latest period when every period is partial', () => {
    const data = [row('2025-05', 0.75, {}, 'p')];
    const headline = headlineOf({ indicator, data }, NO_FILTERS);
    expect(headline?.period).toBe('2025-05');
    expect(headline?.status).toBe('p');
    expect(headline?.trend).toBeUndefined();
  });

  it('applies a single-valued filter when it makes a declared breakdown', () => {
    const data = [
      row('2025-03', 0.6),
      row('2025-04', 0.7),
      row('2025-03', 0.5, { region: 'leste' }),
      row('2025-04', 0.4, { region: 'leste' }),
    ];
    const headline = headlineOf({ indicator, data }, { dimensions: { region: ['leste'] } });
    expect(headline?.value).toBe(0.4);
    expect(headline?.appliedFilters).toEqual(['region']);
    expect(headline?.trend?.delta).toBeCloseTo(-0.1, 10);
  });

  it('falls back to the total when the filters make no declared breakdown', () => {
    const data = [row('2025-04', 0.7), row('2025-04', 0.4, { region: 'leste' })];
    const headline = headlineOf(
      { indicator, data },
      { dimensions: { region: ['leste'], channel: ['web'] } },
    );
    expect(headline?.value).toBe(0.7);
    expect(headline?.appliedFilters).toEqual([]);
  });

  it('keeps a suppressed headline null, with no trend', () => {
    const data = [
      row('2025-03', 0.5, { region: 'norte' }),
      row('2025-04', null, { region: 'norte' }),
    ];
    const headline = headlineOf({ indicator, data }, { dimensions: { region: ['norte'] } });
    expect(headline?.value).toBeNull();
    expect(headline?.trend).toBeUndefined();
  });

  it('compares counts with the same month a year earlier, also outside the period range', () => {
    const counts = testIndicator({
      unit: 'count',
      headline: { breakdown: [], measure: 'value', trend: 'same_period_last_year' },
    });
    counts.measures[0] = { name: 'value', label: { 'pt-BR': 'n', en: 'n' }, unit: 'count' };
    const data = [row('2024-04', 200), row('2025-03', 210), row('2025-04', 250)];
    const headline = headlineOf({ indicator: counts, data }, { from: '2025-01', dimensions: {} });
    expect(headline?.trend?.period).toBe('2024-04');
    expect(headline?.trend?.delta).toBe(50);
    expect(headline?.trend?.relative).toBeCloseTo(0.25, 10);
  });

  it('has no headline without rows', () => {
    expect(headlineOf({ indicator, data: [] }, NO_FILTERS)).toBeUndefined();
  });
});

import type { IndicatorRow } from '../publish/indicator-row.js';
import type { IndicatorFilters } from './parse-indicator-filters.js';

/** Whether filters keep every row (no period bound, no dimension filter). */
export function filtersAreEmpty(filters: IndicatorFilters): boolean {
  return !filters.from && !filters.to && filters.dimensions.size === 0;
}

/**
 * The rows a set of filters keeps, in their published order: periods within `from`…`to`
 * (inclusive) and, for each filtered dimension, rows whose value is one of those asked for.
 */
export function filterRows(
  rows: readonly IndicatorRow[],
  filters: IndicatorFilters,
): readonly IndicatorRow[] {
  if (filtersAreEmpty(filters)) return rows;
  const dimensions = [...filters.dimensions];
  return rows.filter((row) => {
    if (filters.from && row.period < filters.from) return false;
    if (filters.to && row.period > filters.to) return false;
    for (const [name, values] of dimensions) {
      const value = row[name];
      if (typeof value !== 'string' || !values.has(value)) return false;
    }
    return true;
  });
}

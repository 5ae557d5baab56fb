import type { IndicatorFilters } from '../api/parse-indicator-filters.js';
import { TOTAL } from '../publish/indicator-row.js';

/** Filters over an indicator's rows, as the portal applies them: a period range and values per dimension. */
export interface RowFilters {
  /** First period included (`YYYY-MM`). */
  readonly from?: string | undefined;
  /** Last period included (`YYYY-MM`). */
  readonly to?: string | undefined;
  /** Dimension → accepted values (one or more); dimensions not named are not filtered. */
  readonly dimensions: Readonly<Record<string, readonly string[]>>;
}

/** No filter at all. */
export const NO_FILTERS: RowFilters = { dimensions: {} };

/**
 * The filters the API parsed from a query string (`parseIndicatorFilters`), as row filters. `_T`
 * (the total) asks for no breakdown by that dimension, so it is not a filter on it; beside other
 * values it is dropped.
 */
export function rowFiltersOf(filters: IndicatorFilters): RowFilters {
  const dimensions: Record<string, string[]> = {};
  for (const [name, values] of filters.dimensions) {
    const kept = [...values].filter((v) => v !== TOTAL);
    if (kept.length > 0) dimensions[name] = kept;
  }
  return { from: filters.from, to: filters.to, dimensions };
}

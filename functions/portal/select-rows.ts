import { breakdownKey, rowBreakdownKey } from '../indicators/breakdown-key.js';
import type { PublishedIndicator } from '../publish/indicator-document.js';
import type { IndicatorRow } from '../publish/indicator-row.js';
import type { RowFilters } from './row-filters.js';

/** Whether two lists name the same set of dimensions. */
export function sameDimensions(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((d) => b.includes(d));
}

/** The declared breakdown equal to this set of dimensions, if the indicator has one. */
export function declaredBreakdown(
  indicator: Pick<PublishedIndicator, 'breakdowns' | 'dimensions'>,
  dimensions: readonly string[],
): string[] | undefined {
  const found = indicator.breakdowns.find((b) => sameDimensions(b, dimensions));
  // Declared order of the indicator's dimensions, so columns read the same everywhere.
  return found ? indicator.dimensions.filter((d) => found.includes(d)) : undefined;
}

/** Whether a period lies inside the filters' range. */
export function inPeriodRange(period: string, filters: RowFilters): boolean {
  return (!filters.from || period >= filters.from) && (!filters.to || period <= filters.to);
}

const indexes = new WeakMap<readonly IndicatorRow[], Map<string, IndicatorRow[]>>();

/**
 * The rows of each breakdown (keyed by `breakdownKey`), built once per published row array:
 * documents are immutable and cached per version, so every card, chart and table after the first
 * reads only its breakdown's rows.
 */
function rowsByBreakdown(
  dimensions: readonly string[],
  rows: readonly IndicatorRow[],
): Map<string, IndicatorRow[]> {
  let index = indexes.get(rows);
  if (!index) {
    index = new Map();
    for (const row of rows) {
      const key = rowBreakdownKey(row, dimensions);
      const list = index.get(key);
      if (list) list.push(row);
      else index.set(key, [row]);
    }
    indexes.set(rows, index);
  }
  return index;
}

/**
 * The rows of one breakdown (its dimensions hold values, every other dimension is `_T`) inside
 * the period range whose filtered dimensions hold one of the accepted values.
 */
export function rowsOfBreakdown(
  indicator: Pick<PublishedIndicator, 'dimensions'>,
  rows: readonly IndicatorRow[],
  breakdown: readonly string[],
  filters: RowFilters,
): IndicatorRow[] {
  const candidates = rowsByBreakdown(indicator.dimensions, rows).get(breakdownKey(breakdown)) ?? [];
  return candidates.filter((row) => {
    if (!inPeriodRange(row.period, filters)) return false;
    for (const d of breakdown) {
      const accepted = filters.dimensions[d];
      if (accepted && !accepted.includes(String(row[d]))) return false;
    }
    return true;
  });
}

/** The dimensions a filter names, in the indicator's declared order. */
export function filteredDimensions(
  indicator: Pick<PublishedIndicator, 'dimensions'>,
  filters: RowFilters,
): string[] {
  return indicator.dimensions.filter((d) => filters.dimensions[d] !== undefined);
}

/**
 * Keeps only the filters an indicator can honour: dimensions it declares. The portal page applies
 * one region filter to every card; cards without a region dimension ignore it.
 */
export function applicableFilters(
  indicator: Pick<PublishedIndicator, 'dimensions'>,
  filters: RowFilters,
): RowFilters {
  const dimensions: Record<string, readonly string[]> = {};
  for (const d of indicator.dimensions) {
    const accepted = filters.dimensions[d];
    if (accepted) dimensions[d] = accepted;
  }
  return { from: filters.from, to: filters.to, dimensions };
}

/** Distinct periods of some rows, oldest first. */
export function periodsOf(rows: readonly IndicatorRow[]): string[] {
  return [...new Set(rows.map((r) => r.period))].sort();
}

/**
 * The latest period of some rows that is complete — no row of it has status `p` (the current,
 * incomplete month; a suppressed cell of that month has status `C` but the month is still
 * partial) — or the latest period when every one is partial.
 */
export function latestCompletePeriod(rows: readonly IndicatorRow[]): string | undefined {
  const partial = new Set(rows.filter((r) => r.status === 'p').map((r) => r.period));
  const periods = periodsOf(rows);
  return periods.filter((p) => !partial.has(p)).at(-1) ?? periods.at(-1);
}

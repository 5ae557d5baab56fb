import type { IndicatorDocument } from '../publish/indicator-document.js';
import type { IndicatorRow, RowStatus } from '../publish/indicator-row.js';
import type { DimensionLabels } from './dimension-labels.js';
import type { RowFilters } from './row-filters.js';
import { filteredDimensions, latestCompletePeriod, rowsOfBreakdown } from './select-rows.js';

/** One row of a data table. */
export interface TableRow {
  /** Labels of the row's values of the table's dimensions, in column order. */
  readonly labels: readonly string[];
  /** The headline measure; `null` when suppressed. */
  readonly value: number | null;
  readonly n: number | null;
  readonly status: RowStatus;
}

/** The latest period of one breakdown, as a table. */
export interface LatestTable {
  /** The breakdown's dimensions shown as columns (filtered single values are left out). */
  readonly dimensions: readonly string[];
  readonly period: string;
  readonly rows: readonly TableRow[];
  /** Rows of that period left out of the table (they are in the full CSV). */
  readonly omitted: number;
}

/** Options of {@link latestTables}. */
export interface LatestTablesOptions {
  /** Most rows per table (default 8). */
  readonly maxRows?: number;
}

/**
 * One table per declared breakdown that can honour the filters (it contains every filtered
 * dimension), except the overall total: its latest complete period in the range (the latest
 * period if every one is partial), the largest values first, suppressed cells last (as gaps,
 * never zero), at most `maxRows` rows.
 */
export function latestTables(
  document: Pick<IndicatorDocument, 'indicator' | 'data'>,
  filters: RowFilters,
  labels: DimensionLabels,
  options: LatestTablesOptions = {},
): LatestTable[] {
  const { indicator } = document;
  const maxRows = options.maxRows ?? 8;
  const measure = indicator.headline.measure;
  const fixed = filteredDimensions(indicator, filters);
  const single = fixed.filter((d) => filters.dimensions[d]?.length === 1);
  const tables: LatestTable[] = [];
  for (const declared of indicator.breakdowns) {
    const breakdown = indicator.dimensions.filter((d) => declared.includes(d));
    if (!fixed.every((d) => breakdown.includes(d))) continue;
    const columns = breakdown.filter((d) => !single.includes(d));
    if (columns.length === 0) continue;
    const rows = rowsOfBreakdown(indicator, document.data, breakdown, filters);
    const period = latestCompletePeriod(rows);
    if (!period) continue;
    const measureOf = (row: IndicatorRow): number | null => {
      const v = row[measure];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    };
    const latest = rows
      .filter((r) => r.period === period)
      .map((row) => ({
        labels: columns.map((d) => labels.value(d, String(row[d]))),
        value: measureOf(row),
        n: row.n,
        status: row.status,
      }))
      .sort((a, b) => {
        if (a.value === null || b.value === null) {
          return a.value === null ? (b.value === null ? 0 : 1) : -1;
        }
        return b.value - a.value || a.labels.join().localeCompare(b.labels.join());
      });
    tables.push({
      dimensions: columns,
      period,
      rows: latest.slice(0, maxRows),
      omitted: Math.max(0, latest.length - maxRows),
    });
  }
  return tables;
}

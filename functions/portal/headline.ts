import type { IndicatorDocument } from '../publish/indicator-document.js';
import type { IndicatorRow, RowStatus } from '../publish/indicator-row.js';
import { addMonths } from '../shared/period.js';
import type { ValueUnit } from './format-value.js';
import type { RowFilters } from './row-filters.js';
import {
  declaredBreakdown,
  filteredDimensions,
  latestCompletePeriod,
  rowsOfBreakdown,
} from './select-rows.js';

/** The comparison of a headline with an earlier period. */
export interface HeadlineTrend {
  readonly period: string;
  readonly value: number;
  /** Headline value minus the earlier value. */
  readonly delta: number;
  /** `delta` relative to the earlier value (only for counts, and when it is not zero). */
  readonly relative?: number | undefined;
}

/** The figure a card shows first. */
export interface Headline {
  readonly period: string;
  /** `null` when the cell is suppressed. */
  readonly value: number | null;
  readonly n: number | null;
  readonly status: RowStatus;
  readonly unit: ValueUnit;
  /** The trend the metadata asks for, when both values are published. */
  readonly trend?: HeadlineTrend | undefined;
  /** Single-valued filters the headline honours (the others could not be applied). */
  readonly appliedFilters: readonly string[];
}

/**
 * The headline of an indicator under single-valued filters: the metadata's headline breakdown
 * plus the filtered dimensions when that is a declared breakdown (else the filters are not
 * applied), in the latest complete period of the range (the latest period when every period is
 * partial), and its trend against the previous period or the same period a year earlier.
 * `undefined` when there is no row at all.
 */
export function headlineOf(
  document: Pick<IndicatorDocument, 'indicator' | 'data'>,
  filters: RowFilters,
): Headline | undefined {
  const { indicator } = document;
  const single = filteredDimensions(indicator, filters).filter(
    (d) => filters.dimensions[d]?.length === 1,
  );
  const wanted = [...new Set([...indicator.headline.breakdown, ...single])];
  const filtered = declaredBreakdown(indicator, wanted);
  const breakdown = filtered ?? indicator.headline.breakdown;
  const applied = filtered ? single : [];
  const scope: RowFilters = {
    from: filters.from,
    to: filters.to,
    dimensions: Object.fromEntries(applied.map((d) => [d, filters.dimensions[d] ?? []])),
  };
  const rows = rowsOfBreakdown(indicator, document.data, breakdown, scope);
  if (rows.length === 0) return undefined;
  const measure = indicator.headline.measure;
  const unit: ValueUnit =
    measure === 'n'
      ? 'count'
      : (indicator.measures.find((m) => m.name === measure)?.unit ?? indicator.unit);
  const measureOf = (row: IndicatorRow | undefined): number | null => {
    const v = row?.[measure];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const period = latestCompletePeriod(rows) as string;
  const row = largestAt(rows, period, measureOf) as IndicatorRow;
  const value = measureOf(row);

  let trend: HeadlineTrend | undefined;
  const back =
    indicator.headline.trend === 'previous_period'
      ? 1
      : indicator.headline.trend === 'same_period_last_year'
        ? 12
        : 0;
  if (back > 0 && value !== null) {
    const earlierPeriod = addMonths(period, -back);
    const history = rowsOfBreakdown(indicator, document.data, breakdown, {
      dimensions: scope.dimensions,
    });
    const earlier = measureOf(largestAt(history, earlierPeriod, measureOf));
    if (earlier !== null) {
      const delta = value - earlier;
      trend = {
        period: earlierPeriod,
        value: earlier,
        delta,
        relative: unit === 'count' && earlier !== 0 ? delta / earlier : undefined,
      };
    }
  }
  return {
    period,
    value,
    n: row.n,
    status: row.status,
    unit,
    trend,
    appliedFilters: applied,
  };
}

/** The row of a period; with a non-empty headline breakdown (several rows), the largest. */
function largestAt(
  rows: readonly IndicatorRow[],
  period: string,
  measureOf: (row: IndicatorRow) => number | null,
): IndicatorRow | undefined {
  return rows
    .filter((r) => r.period === period)
    .sort(
      (a, b) =>
        (measureOf(b) ?? Number.NEGATIVE_INFINITY) - (measureOf(a) ?? Number.NEGATIVE_INFINITY),
    )[0];
}

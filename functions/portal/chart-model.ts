import type { IndicatorDocument } from '../publish/indicator-document.js';
import type { IndicatorRow, RowStatus } from '../publish/indicator-row.js';
import type { DimensionLabels } from './dimension-labels.js';
import type { ValueUnit } from './format-value.js';
import type { PortalLanguage } from './portal-language.js';
import type { RowFilters } from './row-filters.js';
import {
  declaredBreakdown,
  filteredDimensions,
  periodsOf,
  rowsOfBreakdown,
} from './select-rows.js';

/** One point of a chart: a period (time charts) or a category, a series and a value. */
export interface ChartPoint {
  /** `YYYY-MM` on time charts; the category's dimension value on category charts. */
  readonly x: string;
  readonly xLabel: string;
  /** Key of the series ('' when there is one series). */
  readonly series: string;
  readonly value: number | null;
  readonly status: RowStatus;
}

/** One series of a chart, in display order. */
export interface ChartSeries {
  readonly key: string;
  readonly label: string;
}

/** What to draw, derived from an indicator's metadata and rows, before any rendering. */
export interface ChartModel {
  readonly kind: 'line' | 'stacked_bar' | 'bar' | 'dot';
  /** Time charts run over periods; category charts show one period across a dimension. */
  readonly axis: 'time' | 'category';
  readonly unit: ValueUnit;
  /** Label of the plotted measure (the y axis). */
  readonly measureLabel: string;
  readonly points: readonly ChartPoint[];
  readonly series: readonly ChartSeries[];
  /** Dimension the series (or categories) split by, if any. */
  readonly splitDimension?: string | undefined;
  /** The period shown by a category chart; the periods spanned by a time chart. */
  readonly periods: readonly string[];
  /** Categories left out of a category chart to keep it readable. */
  readonly omittedCategories: number;
}

/** Most categories a category chart shows (largest first). */
export const MAX_CATEGORIES = 25;

/**
 * The chart of an indicator under some filters. The plotted measure is the headline's. The rows
 * come from the breakdown made of the filtered dimensions plus, when the chart splits (stacked
 * bars, bars and dots across categories, several values asked for one dimension), the split
 * dimension — the first filtered dimension given several values, else the first declared
 * dimension whose addition is a declared breakdown. When that set of dimensions is not a
 * declared breakdown there is nothing to draw (an empty model). Suppressed cells keep a `null`
 * value: renderers leave them as gaps, never as zero.
 */
export function chartModel(
  document: Pick<IndicatorDocument, 'indicator' | 'data'>,
  filters: RowFilters,
  labels: DimensionLabels,
  lang: PortalLanguage,
): ChartModel {
  const { indicator } = document;
  const measure = indicator.headline.measure;
  const measureDef = indicator.measures.find((m) => m.name === measure);
  const unit: ValueUnit = measure === 'n' ? 'count' : (measureDef?.unit ?? indicator.unit);
  const measureLabel =
    measure === 'n' ? (indicator.n?.label[lang] ?? 'n') : (measureDef?.label[lang] ?? measure);
  const kind = indicator.chart;
  const fixed = filteredDimensions(indicator, filters);
  const multi = fixed.find((d) => (filters.dimensions[d]?.length ?? 0) > 1);
  const wantsSplit = kind !== 'line' || multi !== undefined;
  const split =
    multi ??
    (wantsSplit
      ? indicator.dimensions.find(
          (d) => !fixed.includes(d) && declaredBreakdown(indicator, [...fixed, d]) !== undefined,
        )
      : undefined);
  const dims = split && !fixed.includes(split) ? [...fixed, split] : fixed;
  const breakdown = declaredBreakdown(indicator, dims);
  const axis = (kind === 'bar' || kind === 'dot') && split ? 'category' : 'time';
  const base = { kind, axis, unit, measureLabel, splitDimension: split } as const;
  if (!breakdown) {
    return { ...base, points: [], series: [], periods: [], omittedCategories: 0 };
  }
  const rows = rowsOfBreakdown(indicator, document.data, breakdown, filters);
  const measureOf = (row: IndicatorRow): number | null => {
    const v = row[measure];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const seriesKeyOf = (row: IndicatorRow) => (split ? String(row[split]) : '');

  if (axis === 'category' && split) {
    const period = periodsOf(rows).at(-1);
    const latest = rows.filter((r) => r.period === period);
    const sorted = latest
      .map((row) => ({ row, value: measureOf(row) }))
      .sort(
        (a, b) => (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY),
      );
    const shown = sorted.slice(0, MAX_CATEGORIES);
    return {
      ...base,
      points: shown.map(({ row, value }) => ({
        x: String(row[split]),
        xLabel: labels.value(split, String(row[split])),
        series: '',
        value,
        status: row.status,
      })),
      series: [{ key: '', label: measureLabel }],
      periods: period ? [period] : [],
      omittedCategories: sorted.length - shown.length,
    };
  }

  const periods = periodsOf(rows);
  const keys = [...new Set(rows.map(seriesKeyOf))];
  const lastPeriod = periods.at(-1);
  const lastValue = (key: string) =>
    measureOf(rows.find((r) => r.period === lastPeriod && seriesKeyOf(r) === key) ?? rows[0]!) ?? 0;
  keys.sort((a, b) =>
    split ? labels.order(split, a) - labels.order(split, b) || lastValue(b) - lastValue(a) : 0,
  );
  const series = keys.map((key) => ({
    key,
    label: split ? labels.value(split, key) : measureLabel,
  }));
  const points = rows
    .map((row) => ({
      x: row.period,
      xLabel: row.period,
      series: seriesKeyOf(row),
      value: measureOf(row),
      status: row.status,
    }))
    .sort((a, b) =>
      a.x < b.x ? -1 : a.x > b.x ? 1 : keys.indexOf(a.series) - keys.indexOf(b.series),
    );
  return { ...base, axis: 'time', points, series, periods, omittedCategories: 0 };
}

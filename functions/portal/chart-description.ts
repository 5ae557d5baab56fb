import type { PublishedIndicator } from '../publish/indicator-document.js';
import type { ChartModel, ChartPoint } from './chart-model.js';
import type { DimensionLabels } from './dimension-labels.js';
import { formatPeriod, formatValue } from './format-value.js';
import type { PortalLanguage } from './portal-language.js';
import { PORTAL_TEXT } from './portal-text.js';
import type { RowFilters } from './row-filters.js';

/** The text alternative of a chart: a short title and a description of what it shows. */
export interface ChartText {
  readonly title: string;
  readonly description: string;
}

/**
 * The title (the indicator's, with the filters applied) and a description of a chart that says
 * what a sighted reader takes from it: first and last values, lowest and highest, the values of
 * each series or category in the latest period, and how many values are suppressed.
 */
export function chartText(
  indicator: Pick<PublishedIndicator, 'title' | 'dimensions' | 'minCell'>,
  model: ChartModel,
  filters: RowFilters,
  labels: DimensionLabels,
  lang: PortalLanguage,
): ChartText {
  const text = PORTAL_TEXT[lang];
  const context = filterContext(indicator, filters, labels, lang);
  const title = [indicator.title[lang], ...context].join(' — ');
  const fmt = (v: number) => formatValue(v, model.unit, lang);
  const period = (p: string) => formatPeriod(p, lang, 'short');
  const parts: string[] = [`${model.measureLabel}.`];

  const valued = model.points.filter((p): p is ChartPoint & { value: number } => p.value !== null);
  const suppressed = model.points.length - valued.length;
  if (model.points.length === 0) {
    parts.push(text.chartNoData);
  } else if (model.axis === 'category') {
    const p = model.periods[0];
    parts.push(
      `${p ? text.chartAt(period(p)) : ''} ${listOf(model.points, fmt, text.suppressed)}.`,
    );
    if (model.omittedCategories > 0) parts.push(`(${text.chartOmitted(model.omittedCategories)})`);
  } else if (model.series.length <= 1) {
    const first = valued[0];
    const last = valued.at(-1);
    if (first && last) {
      parts.push(
        text.chartFrom(fmt(first.value), period(first.x), fmt(last.value), period(last.x)),
      );
      const min = valued.reduce((a, b) => (b.value < a.value ? b : a));
      const max = valued.reduce((a, b) => (b.value > a.value ? b : a));
      parts.push(text.chartRange(fmt(min.value), period(min.x), fmt(max.value), period(max.x)));
    }
  } else {
    const lastPeriod = model.periods.at(-1);
    if (lastPeriod) {
      const latest = model.points.filter((p) => p.x === lastPeriod);
      const named = latest.map((p) => ({
        ...p,
        xLabel: model.series.find((s) => s.key === p.series)?.label ?? p.series,
      }));
      parts.push(`${text.chartAt(period(lastPeriod))} ${listOf(named, fmt, text.suppressed)}.`);
    }
  }
  if (suppressed > 0) parts.push(text.chartSuppressedPeriods(suppressed, indicator.minCell));
  if (model.points.some((p) => p.status === 'p')) parts.push(text.chartPartialDesc);
  return { title, description: parts.join(' ') };
}

/**
 * The filters in words, one entry per filter: `Regional: Leste, Oeste`, `jan. de 2025 – …`.
 */
export function filterContext(
  indicator: Pick<PublishedIndicator, 'dimensions'>,
  filters: RowFilters,
  labels: DimensionLabels,
  lang: PortalLanguage,
): string[] {
  const context: string[] = [];
  for (const d of indicator.dimensions) {
    const values = filters.dimensions[d];
    if (values) {
      context.push(`${labels.dimension(d)}: ${values.map((v) => labels.value(d, v)).join(', ')}`);
    }
  }
  if (filters.from || filters.to) {
    const a = filters.from ? formatPeriod(filters.from, lang, 'short') : '…';
    const b = filters.to ? formatPeriod(filters.to, lang, 'short') : '…';
    context.push(`${a} – ${b}`);
  }
  return context;
}

function listOf(
  points: readonly ChartPoint[],
  fmt: (v: number) => string,
  suppressed: string,
): string {
  return points
    .slice(0, 12)
    .map((p) => `${p.xLabel} ${p.value === null ? suppressed : fmt(p.value)}`)
    .join('; ');
}

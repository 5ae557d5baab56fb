import type { ChartModel } from './chart-model.js';
import type { DimensionLabels } from './dimension-labels.js';
import { formatCount, formatPeriod, formatValue } from './format-value.js';
import { html, type SafeHtml } from './html.js';
import type { LatestTable } from './latest-tables.js';
import type { PortalLanguage } from './portal-language.js';
import { PORTAL_TEXT } from './portal-text.js';

/** Most periods the chart's table lists (the newest; the CSV has them all). */
export const SERIES_TABLE_PERIODS = 12;

/** A suppressed cell: a dash for the eye, a word for screen readers — never a zero. */
export function gapCell(lang: PortalLanguage): SafeHtml {
  return html`<td class="num gap"><span aria-hidden="true">—</span><span class="visually-hidden">${PORTAL_TEXT[lang].suppressed}</span></td>`;
}

/**
 * The start of a table's scroll container: narrow screens scroll wide tables sideways, so the
 * container takes keyboard focus and is named by the table's caption.
 */
const wrapStart = (captionId: string) =>
  html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="${captionId}">`;

const periodCell = (period: string, partial: boolean, lang: PortalLanguage) =>
  html`<th scope="row">${formatPeriod(period, lang, 'short')}${partial ? html`<span aria-hidden="true"> *</span><span class="visually-hidden"> (${PORTAL_TEXT[lang].partial})</span>` : ''}</th>`;

/**
 * The chart's data as a table (its text alternative): one row per period, newest first, at most
 * {@link SERIES_TABLE_PERIODS}; one column per series. Category charts have none (the latest
 * tables hold their data).
 */
export function renderSeriesTable(
  tableId: string,
  model: ChartModel,
  caption: string,
  lang: PortalLanguage,
): SafeHtml | undefined {
  if (model.axis !== 'time' || model.points.length === 0) return undefined;
  const t = PORTAL_TEXT[lang];
  const periods = [...model.periods].reverse().slice(0, SERIES_TABLE_PERIODS);
  const byKey = new Map(model.points.map((p) => [`${p.x}|${p.series}`, p]));
  const head = model.series.map((s) => html`<th scope="col" class="num">${s.label}</th>`);
  const body = periods.map((period) => {
    const cells = model.series.map((s) => {
      const point = byKey.get(`${period}|${s.key}`);
      if (!point) return html`<td class="num"></td>`;
      return point.value === null
        ? gapCell(lang)
        : html`<td class="num">${formatValue(point.value, model.unit, lang)}</td>`;
    });
    const partial = model.points.some((p) => p.x === period && p.status === 'p');
    return html`<tr>${periodCell(period, partial, lang)}${cells}</tr>`;
  });
  return html`${wrapStart(tableId)}<table><caption id="${tableId}">${caption}</caption><thead><tr><th scope="col">${t.period}</th>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** One latest-period table: the breakdown's columns, the value and `n`. */
export function renderLatestTable(
  tableId: string,
  table: LatestTable,
  caption: string,
  valueLabel: string,
  nLabel: string,
  unit: ChartModel['unit'],
  labels: DimensionLabels,
  lang: PortalLanguage,
): SafeHtml {
  const t = PORTAL_TEXT[lang];
  const head = table.dimensions.map((d) => html`<th scope="col">${labels.dimension(d)}</th>`);
  const body = table.rows.map((row) => {
    const [first, ...rest] = row.labels;
    return html`<tr><th scope="row">${first ?? ''}</th>${rest.map((l) => html`<td>${l}</td>`)}${
      row.value === null
        ? gapCell(lang)
        : html`<td class="num">${formatValue(row.value, unit, lang)}</td>`
    }${row.n === null ? gapCell(lang) : html`<td class="num">${formatCount(row.n, lang)}</td>`}</tr>`;
  });
  const more = table.omitted > 0 ? html`<p class="note">${t.tableMore(table.omitted)}</p>` : '';
  return html`${wrapStart(tableId)}<table><caption id="${tableId}">${caption}</caption><thead><tr>${head}<th scope="col" class="num">${valueLabel}</th><th scope="col" class="num">${nLabel}</th></tr></thead><tbody>${body}</tbody></table></div>${more}`;
}

import type { IndicatorDocument } from '../publish/indicator-document.js';
import type { Manifest } from '../publish/manifest.js';
import { chartText, filterContext } from './chart-description.js';
import { chartLayout } from './chart-layout.js';
import { chartModel } from './chart-model.js';
import type { DimensionLabels } from './dimension-labels.js';
import {
  formatDelta,
  formatInstant,
  formatPeriod,
  formatRelativeChange,
  formatValue,
} from './format-value.js';
import { headlineOf } from './headline.js';
import { html, raw, type SafeHtml } from './html.js';
import { latestTables } from './latest-tables.js';
import type { PortalLanguage } from './portal-language.js';
import { PORTAL_TEXT } from './portal-text.js';
import { chartUrl, csvUrl, embedUrl, jsonUrl } from './portal-urls.js';
import { renderReceipt } from './render-receipt.js';
import { renderLatestTable, renderSeriesTable } from './render-tables.js';
import type { RowFilters } from './row-filters.js';
import { applicableFilters, filteredDimensions } from './select-rows.js';

/** What a card needs besides its indicator. */
export interface CardContext {
  readonly lang: PortalLanguage;
  readonly labels: DimensionLabels;
  /** The city's time zone (for "last updated"). */
  readonly timezone: string;
  /** The page's filters; a card applies those its indicator can honour. */
  readonly filters: RowFilters;
  /** Level of the card's heading (3 on the portal page, 1 on the embed page). */
  readonly headingLevel?: 1 | 2 | 3;
  /** Leave out the methodology, receipt and tables (the embed page links to the portal). */
  readonly compact?: boolean;
}

/**
 * One indicator card: title and description, the headline value with its period and trend, the
 * chart (`<img>` of the server-rendered SVG, with a caption as its text alternative), the chart's
 * table and the latest-period tables of each breakdown (suppressed cells as gaps with a note),
 * the methodology, the receipt, download links and when it was last updated.
 */
export function renderCard(
  document: IndicatorDocument,
  manifest: Pick<Manifest, 'computedAt'>,
  context: CardContext,
): SafeHtml {
  const { lang, labels } = context;
  const t = PORTAL_TEXT[lang];
  const { indicator } = document;
  const id = indicator.id;
  const title = indicator.title[lang];
  const filters = applicableFilters(indicator, context.filters);
  const ignored = Object.keys(context.filters.dimensions).filter(
    (d) => !indicator.dimensions.includes(d),
  );

  const headline = headlineOf(document, filters);
  const notApplied = filteredDimensions(indicator, filters).filter(
    (d) => headline && !headline.appliedFilters.includes(d),
  );
  const scopeNotes = [...ignored, ...notApplied].map(
    (d) => html`<p class="scope">${t.filterNotApplicable(labels.dimension(d))}</p>`,
  );

  let headlineHtml: SafeHtml;
  if (!headline) {
    headlineHtml = html`<p class="headline">${t.noData}</p>`;
  } else {
    const period = formatPeriod(headline.period, lang);
    const value =
      headline.value === null
        ? html`<strong class="value"><span aria-hidden="true">—</span><span class="visually-hidden">${t.suppressed}</span></strong>`
        : html`<strong class="value">${formatValue(headline.value, headline.unit, lang)}</strong>`;
    const partial = headline.status === 'p' ? html` (${t.partial})` : '';
    let trend: SafeHtml;
    if (headline.trend) {
      const { delta, relative } = headline.trend;
      const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '▶';
      const word = delta > 0 ? t.trendUp : delta < 0 ? t.trendDown : t.trendFlat;
      const amount =
        formatDelta(delta, headline.unit, lang) +
        (relative !== undefined ? ` (${formatRelativeChange(relative, lang)})` : '');
      trend = html`<p class="trend"><span aria-hidden="true">${arrow}</span> <span class="visually-hidden">${word}: </span>${t.trendVs(amount, formatPeriod(headline.trend.period, lang))}</p>`;
    } else {
      trend =
        indicator.headline.trend === 'none' ? html`` : html`<p class="trend">${t.trendNone}</p>`;
    }
    const suppressedNote =
      headline.value === null
        ? html`<p class="note">${t.suppressedNote(indicator.minCell)}</p>`
        : '';
    headlineHtml = html`<p class="headline">${value} <span class="period">${t.headlineOf(period)}${partial}</span></p>${trend}${suppressedNote}`;
  }

  const model = chartModel(document, filters, labels, lang);
  const text = chartText(indicator, model, filters, labels, lang);
  const layout = chartLayout(model, lang, indicator.minCell);
  const chart = html`<figure class="chart"><img src="${chartUrl(id, lang, filters)}" alt="${t.chartOf(text.title)}" width="${layout.width}" height="${layout.height}" loading="lazy" decoding="async"><figcaption>${text.description}</figcaption></figure>`;

  const level = context.headingLevel ?? 3;
  const heading = html`${raw(`<h${level}`)} id="${id}-title">${title}${raw(`</h${level}>`)}`;
  const links = html`<p class="links"><span>${t.downloads}:</span> <a href="${csvUrl(id, filters)}" download>${t.downloadCsv}</a> <a href="${jsonUrl(id, filters)}">${t.downloadJson}</a> <a href="${embedUrl(id, lang, filters)}">${t.embed}</a></p>`;
  const updated = html`<p class="updated">${t.lastUpdated} <time datetime="${manifest.computedAt}">${formatInstant(manifest.computedAt, lang, context.timezone)}</time></p>`;
  const scope = filterContext(indicator, filters, labels, lang);
  const scopeLine = scope.length > 0 ? html`<p class="context">${scope.join(' · ')}</p>` : '';
  if (context.compact) {
    const compactLinks = html`<p class="links"><span>${t.downloads}:</span> <a href="${csvUrl(id, filters)}" download>${t.downloadCsv}</a> <a href="${jsonUrl(id, filters)}">${t.downloadJson}</a></p>`;
    return html`<article class="card" id="${id}" aria-labelledby="${id}-title">${heading}${scopeLine}${scopeNotes}${headlineHtml}${chart}${compactLinks}${updated}</article>`;
  }

  const measure = indicator.headline.measure;
  const valueLabel =
    indicator.measures.find((m) => m.name === measure)?.label[lang] ?? t.valueColumn;
  const nLabel = indicator.n?.label[lang] ?? 'n';
  const tables = latestTables(document, filters, labels);
  const seriesTable = renderSeriesTable(`${id}-series`, model, t.seriesCaption(text.title), lang);
  const tablePeriod = tables[0]?.period ?? headline?.period;
  const hasGaps =
    model.points.some((p) => p.value === null) ||
    tables.some((table) => table.rows.some((r) => r.value === null || r.n === null));
  const hasPartial = model.points.some((p) => p.status === 'p');
  const data = html`<details class="data"><summary>${t.tableSummary(tablePeriod ? formatPeriod(tablePeriod, lang) : '—')}</summary>${seriesTable ?? ''}${tables.map(
    (table, i) =>
      renderLatestTable(
        `${id}-table-${i}`,
        table,
        t.tableCaption(
          title,
          table.dimensions.map((d) => labels.dimension(d)).join(' × '),
          formatPeriod(table.period, lang),
        ),
        valueLabel,
        nLabel,
        headline?.unit ?? indicator.unit,
        labels,
        lang,
      ),
  )}${hasGaps ? html`<p class="note">${t.suppressedNote(indicator.minCell)}</p>` : ''}${hasPartial ? html`<p class="note">${t.partialNote}</p>` : ''}<p><a href="${csvUrl(id)}">${t.fullCsv}</a></p></details>`;
  const methodology = html`<details><summary>${t.methodology}</summary><p>${indicator.methodology[lang]}</p></details>`;
  const receipt = html`<details><summary>${t.receiptTitle}</summary>${renderReceipt(document, lang)}</details>`;
  return html`<article class="card" id="${id}" aria-labelledby="${id}-title">${heading}<p class="card-desc">${indicator.description[lang]}</p>${scopeLine}${scopeNotes}${headlineHtml}${chart}${data}${methodology}${receipt}${links}${updated}</article>`;
}

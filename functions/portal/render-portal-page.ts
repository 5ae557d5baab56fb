import type { IndicatorDocument } from '../publish/indicator-document.js';
import type { Manifest } from '../publish/manifest.js';
import type { DimensionLabels } from './dimension-labels.js';
import { formatPeriod } from './format-value.js';
import { html, type SafeHtml } from './html.js';
import { renderPage } from './page-layout.js';
import { otherLanguage, type PortalLanguage } from './portal-language.js';
import { PORTAL_TEXT, THEME_ORDER } from './portal-text.js';
import { indicatorFiltersOf, type PageFilters, pageUrl } from './portal-urls.js';
import { renderCard } from './render-card.js';

/** A published indicator as the page shows it. */
export interface PortalEntry {
  readonly document: IndicatorDocument;
  readonly manifest: Pick<Manifest, 'computedAt'>;
}

/** What the portal page is rendered from. */
export interface PortalPageInput {
  readonly lang: PortalLanguage;
  readonly filters: PageFilters;
  readonly entries: readonly PortalEntry[];
  readonly labels: DimensionLabels;
  readonly timezone: string;
  /** Region slugs in display order (the region filter's options). */
  readonly regions: readonly string[];
  /** Every period published by any indicator, oldest first (the period filter's options). */
  readonly periods: readonly string[];
  /** A filter value was not valid and was ignored. */
  readonly invalidFilter?: boolean;
}

/**
 * The Transparency Portal page: title and introduction, the filter form (a GET form that works
 * without JavaScript; the script applies it without a reload), links to each theme, and the
 * indicator cards grouped by theme in a fixed order (services, Wi-Fi, devices, telecentros,
 * skills), each theme's cards by id.
 */
export function renderPortalPage(input: PortalPageInput): string {
  const { lang, filters, labels } = input;
  const t = PORTAL_TEXT[lang];
  const option = (value: string, label: string, selected: boolean) =>
    selected
      ? html`<option value="${value}" selected>${label}</option>`
      : html`<option value="${value}">${label}</option>`;
  const periodSelect = (name: 'from' | 'to', label: string) =>
    html`<div class="field"><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">${option('', t.filterAnyPeriod, !filters[name])}${input.periods.map((p) => option(p, formatPeriod(p, lang, 'short'), filters[name] === p))}</select></div>`;
  const form = html`<form class="filters" method="get" action="/" aria-label="${t.filtersTitle}" data-enhance="filters" data-applied="${t.filtersApplied}">${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}<div class="field"><label for="f-region">${t.filterRegion}</label><select id="f-region" name="region">${option('', t.filterAllRegions, !filters.region)}${input.regions.map((r) => option(r, labels.value('region', r), filters.region === r))}</select></div>${periodSelect('from', t.filterFrom)}${periodSelect('to', t.filterTo)}<div class="field"><button type="submit">${t.filterApply}</button></div><p class="field"><a href="${pageUrl(lang)}">${t.filterClear}</a></p></form>`;

  const byTheme = THEME_ORDER.map((theme) => ({
    theme,
    entries: input.entries
      .filter((e) => e.document.indicator.theme === theme)
      .sort((a, b) => a.document.indicator.id.localeCompare(b.document.indicator.id)),
  })).filter((group) => group.entries.length > 0);
  const indicatorFilters = indicatorFiltersOf(filters);
  const nav = html`<nav class="theme-nav" aria-label="${t.themesNav}"><ul>${byTheme.map((g) => html`<li><a href="#theme-${g.theme}">${t.themes[g.theme]}</a></li>`)}</ul></nav>`;
  const sections: SafeHtml[] = byTheme.map(
    (group) =>
      html`<section id="theme-${group.theme}" aria-labelledby="theme-${group.theme}-title"><h2 id="theme-${group.theme}-title">${t.themes[group.theme]}</h2><div class="cards">${group.entries.map(
        (entry) =>
          renderCard(entry.document, entry.manifest, {
            lang,
            labels,
            timezone: input.timezone,
            filters: indicatorFilters,
          }),
      )}</div></section>`,
  );
  const notice = input.invalidFilter
    ? html`<p class="note" role="alert">${t.filterInvalid}</p>`
    : '';
  const empty = byTheme.length === 0 ? html`<p>${t.noIndicators}</p>` : '';
  const main = html`<h1>${t.portalTitle}</h1><p class="lede">${t.portalIntro}</p>${form}<div id="indicators">${notice}${nav}${empty}${sections}</div>`;
  return renderPage({
    lang,
    title: t.portalTitle,
    main,
    switchHref: pageUrl(otherLanguage(lang), filters),
    current: 'indicators',
  });
}

import { DEFAULT_LANGUAGE, type PortalLanguage } from './portal-language.js';
import type { RowFilters } from './row-filters.js';

/** The filters of the portal page: one region and a period range. */
export interface PageFilters {
  readonly region?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** The page filters as indicator filters (a region filter names the `region` dimension). */
export function indicatorFiltersOf(filters: PageFilters): RowFilters {
  return {
    from: filters.from,
    to: filters.to,
    dimensions: filters.region ? { region: [filters.region] } : {},
  };
}

/** A query string (with its `?`, or empty) from parameters; empty values are left out. */
export function queryString(params: Readonly<Record<string, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const text = search.toString();
  return text ? `?${text}` : '';
}

const langParam = (lang: PortalLanguage) => (lang === DEFAULT_LANGUAGE ? undefined : lang);

/** Query parameters of an indicator's data and chart routes for some filters. */
function filterParams(filters: RowFilters): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = { from: filters.from, to: filters.to };
  for (const [d, values] of Object.entries(filters.dimensions)) params[d] = values.join(',');
  return params;
}

/** The portal page with filters in a language. */
export function pageUrl(lang: PortalLanguage, filters: PageFilters = {}): string {
  return `/${queryString({ lang: langParam(lang), region: filters.region, from: filters.from, to: filters.to })}`;
}

/** The server-rendered chart of an indicator. */
export function chartUrl(id: string, lang: PortalLanguage, filters: RowFilters): string {
  return `/v1/indicators/${encodeURIComponent(id)}/chart.svg${queryString({ lang, ...filterParams(filters) })}`;
}

/** The indicator's data as CSV (filtered when filters are given). */
export function csvUrl(id: string, filters?: RowFilters): string {
  return `/v1/indicators/${encodeURIComponent(id)}.csv${filters ? queryString(filterParams(filters)) : ''}`;
}

/** The indicator's data as JSON (`{ indicator, receipt, data }`). */
export function jsonUrl(id: string, filters?: RowFilters): string {
  return `/v1/indicators/${encodeURIComponent(id)}${filters ? queryString(filterParams(filters)) : ''}`;
}

/** The embeddable page of an indicator. */
export function embedUrl(id: string, lang: PortalLanguage, filters: RowFilters): string {
  return `/embed/${encodeURIComponent(id)}${queryString({ lang: langParam(lang), ...filterParams(filters) })}`;
}

/** The rating page in a language. */
export function ratingUrl(lang: PortalLanguage): string {
  return `/avaliar${queryString({ lang: langParam(lang) })}`;
}

/** The privacy notice in a language. */
export function privacyUrl(lang: PortalLanguage): string {
  return `/privacidade${queryString({ lang: langParam(lang) })}`;
}

/**
 * The erasure form in a language: `GET` shows it empty, `POST` (urlencoded `id` and `receipt`)
 * erases a rating without JavaScript.
 */
export function eraseUrl(lang: PortalLanguage): string {
  return `/avaliar/apagar${queryString({ lang: langParam(lang) })}`;
}

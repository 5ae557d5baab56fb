import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import { dimensionValueLabel } from '../indicators/dimension-value-label.js';
import type { IndicatorDocument } from '../publish/indicator-document.js';
import { type IndicatorRow, TOTAL, UNKNOWN } from '../publish/indicator-row.js';
import type { Language } from './language.js';
import type { PublicLinks } from './public-links.js';
import type { ServicePeriod, ServiceSummary } from './schemas/service-schemas.js';
import type { ServiceRecord } from './service-directory.js';

/** Indicator of the services' satisfaction. */
export const SATISFACTION_INDICATOR = 'user-satisfaction';
/** Indicator of the services' completion rate. */
export const COMPLETION_INDICATOR = 'completion-rate';

/** One service's rows of an indicator, by period. */
interface ServiceSeries {
  /** The period the catalogue shows: the latest one that is not provisional. */
  readonly referencePeriod: string | undefined;
  readonly byService: ReadonlyMap<string, ReadonlyMap<string, IndicatorRow>>;
}

const seriesCache = new WeakMap<IndicatorDocument, ServiceSeries>();

/**
 * The per-service rows of a published document: rows broken down by `service_id` alone (every
 * other dimension `_T`), indexed by service and period, and the period the catalogue shows — the
 * latest that is not provisional (no row of the document marks it `p`), else the latest. Cached
 * per document.
 */
export function serviceSeries(document: IndicatorDocument): ServiceSeries {
  const hit = seriesCache.get(document);
  if (hit) return hit;
  const others = document.indicator.dimensions.filter((d) => d !== 'service_id');
  const byService = new Map<string, Map<string, IndicatorRow>>();
  const provisional = new Set<string>();
  const periods = new Set<string>();
  for (const row of document.data) {
    if (row.status === 'p') provisional.add(row.period);
    const id = row.service_id;
    if (typeof id !== 'string' || id === TOTAL || id === UNKNOWN) continue;
    if (others.some((d) => row[d] !== TOTAL)) continue;
    let byPeriod = byService.get(id);
    if (!byPeriod) {
      byPeriod = new Map();
      byService.set(id, byPeriod);
    }
    byPeriod.set(row.period, row);
    periods.add(row.period);
  }
  const sorted = [...periods].sort();
  const final = sorted.filter((p) => !provisional.has(p));
  const series = { referencePeriod: final.at(-1) ?? sorted.at(-1), byService };
  seriesCache.set(document, series);
  return series;
}

/** The published documents and catalogue the service figures come from. */
export interface ServiceFigureSources {
  readonly satisfaction: IndicatorDocument | undefined;
  readonly completion: IndicatorDocument | undefined;
  readonly services: readonly ServiceRecord[];
  readonly registry: DimensionRegistry;
  readonly language: Language;
  readonly links: PublicLinks;
}

/** Every service id known: the catalogue's and those in the published rows, sorted. */
export function serviceIds(
  sources: Pick<ServiceFigureSources, 'satisfaction' | 'completion' | 'services'>,
): string[] {
  const ids = new Set(sources.services.map((s) => s.service_id));
  for (const document of [sources.satisfaction, sources.completion]) {
    if (document) for (const id of serviceSeries(document).byService.keys()) ids.add(id);
  }
  return [...ids].sort();
}

/** A service's summary: names from the catalogue, its figures in each indicator's reference period. */
export function serviceSummary(id: string, sources: ServiceFigureSources): ServiceSummary {
  const record = sources.services.find((s) => s.service_id === id);
  return summaryOf(id, record, sources);
}

/** Every service's summary, sorted by id. */
export function serviceSummaries(sources: ServiceFigureSources): ServiceSummary[] {
  const records = new Map(sources.services.map((s) => [s.service_id, s]));
  return serviceIds(sources).map((id) => summaryOf(id, records.get(id), sources));
}

/** A service's figures in every period either indicator has for it, ascending. */
export function serviceHistory(id: string, sources: ServiceFigureSources): ServicePeriod[] {
  const sat = sources.satisfaction
    ? serviceSeries(sources.satisfaction).byService.get(id)
    : undefined;
  const comp = sources.completion ? serviceSeries(sources.completion).byService.get(id) : undefined;
  const periods = new Set([...(sat?.keys() ?? []), ...(comp?.keys() ?? [])]);
  return [...periods].sort().map((period) => ({
    period,
    satisfaction: satisfactionFigure(sat?.get(period)),
    completion: figure(comp?.get(period)),
  }));
}

function summaryOf(
  id: string,
  record: ServiceRecord | undefined,
  sources: ServiceFigureSources,
): ServiceSummary {
  const { language: lang, links } = sources;
  const at = (document: IndicatorDocument | undefined) => {
    if (!document) return undefined;
    const series = serviceSeries(document);
    return series.referencePeriod
      ? series.byService.get(id)?.get(series.referencePeriod)
      : undefined;
  };
  return {
    id,
    name: record ? (lang === 'en' ? record.name_en : record.name_pt) : null,
    category: record?.category ?? null,
    categoryLabel: record
      ? dimensionValueLabel(sources.registry, 'category', record.category, lang)
      : null,
    digitalLevel: record?.digital_level ?? null,
    satisfaction: satisfactionFigure(at(sources.satisfaction)),
    completion: figure(at(sources.completion)),
    links: {
      self: links.service(id),
      satisfaction: `${links.indicator(SATISFACTION_INDICATOR)}?service_id=${encodeURIComponent(id)}`,
      completion: `${links.indicator(COMPLETION_INDICATOR)}?service_id=${encodeURIComponent(id)}`,
    },
  };
}

function figure(row: IndicatorRow | undefined): ServiceSummary['completion'] {
  if (!row) return null;
  const suppressed = row.status === 'C';
  return {
    period: row.period,
    value: suppressed ? null : row.value,
    n: suppressed ? null : row.n,
    status: row.status,
    suppressed,
  };
}

function satisfactionFigure(row: IndicatorRow | undefined): ServiceSummary['satisfaction'] {
  const base = figure(row);
  if (!base || !row) return null;
  const share = row.share_4_5;
  return { ...base, share45: base.suppressed || typeof share !== 'number' ? null : share };
}

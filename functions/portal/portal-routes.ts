import { createHash, randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { IndicatorStore } from '../api/indicator-store.js';
import { resolveLanguage } from '../api/language.js';
import { filtersKey, parseIndicatorFilters } from '../api/parse-indicator-filters.js';
import {
  DEFAULT_PRIVACY_NOTICE_RETENTION,
  type PrivacyNoticeRetention,
  privacyNoticeFragments,
} from '../feedback/privacy-notice.js';
import type { MiranteEnv } from '../http/create-base-app.js';
import { problemResponse } from '../http/problem-schema.js';
import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import type { Bilingual } from '../indicators/indicator-metadata.js';
import type { IndicatorDocument } from '../publish/indicator-document.js';
import { PERIOD_PATTERN } from '../shared/period.js';
import { ProblemError } from '../shared/problem.js';
import { chartText } from './chart-description.js';
import { chartModel } from './chart-model.js';
import { EMBED_CSP, PAGE_CSP, SVG_CSP } from './content-security-policy.js';
import { type DimensionLabels, dimensionLabels } from './dimension-labels.js';
import { ERASE_TEXT } from './erase-text.js';
import { html, raw } from './html.js';
import { htmlResponse } from './html-response.js';
import { createPageCache } from './page-cache.js';
import { renderPage } from './page-layout.js';
import { otherLanguage, type PortalLanguage, portalLanguageOf } from './portal-language.js';
import { PORTAL_TEXT } from './portal-text.js';
import { type PageFilters, pageUrl, privacyUrl, queryString } from './portal-urls.js';
import { renderCard } from './render-card.js';
import { renderEraseForm, renderErasePage } from './render-erase-page.js';
import { type PortalEntry, renderPortalPage } from './render-portal-page.js';
import { renderRatingPage } from './render-rating-page.js';
import { rowFiltersOf } from './row-filters.js';
import { periodsOf } from './select-rows.js';
import type { ServiceListing, ServiceListingSource } from './service-listing.js';
import { registerStaticAssets } from './static-assets.js';

/** What the portal's pages and charts read (all read-only). */
export interface PortalDeps {
  readonly store: Pick<IndicatorStore, 'manifests' | 'manifest' | 'document'>;
  /** The dimension label registry (`queries/dimensions.yaml`), loaded once. */
  readonly registry: () => Promise<DimensionRegistry>;
  /** The current service catalogue (the rating page's picker, the names of `service_id`). */
  readonly services: ServiceListingSource;
  /** The city's time zone (`MiranteConfig.timezone`); America/Sao_Paulo when not given. */
  readonly timezone?: string | undefined;
  /** Retention periods stated by the privacy notice. */
  readonly privacyRetention?: PrivacyNoticeRetention | undefined;
}

/** The time zone of "last updated" when the deployment names none (Belo Horizonte's). */
export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

/** `Cache-Control` of the portal page and embeds: short, the figures change when published. */
export const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** `Cache-Control` of a chart. */
export const CHART_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=3600';

const chartRoute = createRoute({
  method: 'get',
  path: '/v1/indicators/{id}/chart.svg',
  summary: 'The chart of an indicator, rendered on the server (SVG)',
  description:
    'Takes the same filters as `GET /v1/indicators/{id}` (`from`, `to` as YYYY-MM, each declared dimension, comma for several values) and `lang` (pt-BR or en). The SVG has `<title>` and `<desc>` text alternatives; suppressed cells are gaps, never zero. Embed it with `<img>`, or use `/embed/{id}` in an `<iframe>`.',
  request: {
    params: z.object({ id: z.string() }),
    query: z.object({
      from: z.string().optional().openapi({ description: 'First month (YYYY-MM)' }),
      to: z.string().optional().openapi({ description: 'Last month (YYYY-MM)' }),
      lang: z.enum(['pt-BR', 'en']).optional().openapi({ description: 'Language (default pt-BR)' }),
    }),
  },
  responses: {
    200: {
      description: 'The chart',
      content: { 'image/svg+xml': { schema: z.string() } },
    },
    304: { description: 'Not modified (If-None-Match)' },
    400: problemResponse('Unknown parameter or invalid value'),
    404: problemResponse('No published indicator with this id'),
  },
});

/** The portal routes documented in the OpenAPI document (the HTML pages are not). */
export const portalRouteDefinitions: readonly RouteConfig[] = [chartRoute];

/**
 * Registers the portal's read-only routes (served by the public read function): the
 * Transparency Portal page `GET /`, `GET /embed/{id}` (for an `<iframe>`), the chart
 * `GET /v1/indicators/{id}/chart.svg`, the rating page `GET /avaliar` (never cached; a fresh
 * idempotency key per render), the erasure form `GET /avaliar/apagar` (never cached), the privacy
 * notice `GET /privacidade` (with the erasure form) and the static assets under `/assets/`.
 * `POST /avaliar` and `POST /avaliar/apagar` write, so they live with the feedback function
 * (`registerRatingFormRoute`, `registerEraseFormRoute`).
 */
export function registerPortalRoutes(app: OpenAPIHono<MiranteEnv>, deps: PortalDeps): void {
  for (const route of portalRouteDefinitions) app.openAPIRegistry.registerPath(route);
  registerStaticAssets(app);
  const retention = deps.privacyRetention ?? DEFAULT_PRIVACY_NOTICE_RETENTION;
  const timezone = deps.timezone ?? DEFAULT_TIMEZONE;
  const pages = createPageCache();

  const labelsFor = async (
    c: Context<MiranteEnv>,
    lang: PortalLanguage,
    documents: readonly Pick<IndicatorDocument, 'indicator'>[],
  ): Promise<DimensionLabels> => {
    const registry = await deps.registry();
    const dynamic = documents.some((d) =>
      d.indicator.dimensions.some((dim) => registry.dimensions[dim]?.dynamic),
    );
    const names = dynamic ? serviceNames(await safeServices(c, deps)) : undefined;
    return dimensionLabels(registry, lang, names);
  };

  app.get('/', async (c) => {
    const query = c.req.query();
    const lang = portalLanguageOf(query.lang);
    const registry = await deps.registry();
    const regions = Object.keys(registry.dimensions.region?.values ?? {});
    const { filters, invalid } = pageFiltersOf(query, regions);
    const manifests = await deps.store.manifests();
    const key = [
      lang,
      filters.region ?? '',
      filters.from ?? '',
      filters.to ?? '',
      invalid,
      ...manifests.map((m) => `${m.indicatorId}@${m.version}@${m.computedAt}`).sort(),
    ].join('|');
    const body = await pages.get(key, async () => {
      const entries: PortalEntry[] = await Promise.all(
        manifests.map(async (manifest) => ({
          manifest,
          document: await deps.store.document(manifest),
        })),
      );
      const labels = await labelsFor(
        c,
        lang,
        entries.map((e) => e.document),
      );
      const periods = [...new Set(entries.flatMap((e) => periodsOf(e.document.data)))].sort();
      return renderPortalPage({
        lang,
        filters,
        entries,
        labels,
        timezone,
        regions,
        periods,
        invalidFilter: invalid,
      });
    });
    return htmlResponse(c, body, invalid ? 400 : 200, PAGE_CSP, PAGE_CACHE_CONTROL);
  });

  const loadIndicator = async (id: string) => {
    const manifest = await deps.store.manifest(id);
    if (!manifest) {
      throw new ProblemError('not-found', { detail: `No published indicator '${id}'.` });
    }
    return { manifest, document: await deps.store.document(manifest) };
  };

  app.get('/v1/indicators/:id/chart.svg', async (c) => {
    const { manifest, document } = await loadIndicator(c.req.param('id'));
    const lang = resolveLanguage(c.req.query('lang'), undefined);
    const parsed = parseIndicatorFilters(document, c.req.queries());
    const etag = `"${manifest.version}-${createHash('sha256')
      .update(`${lang}|${filtersKey(parsed)}`)
      .digest('hex')
      .slice(0, 16)}"`;
    const headers = {
      ETag: etag,
      'Cache-Control': CHART_CACHE_CONTROL,
      'Content-Security-Policy': SVG_CSP,
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Last-Modified': new Date(manifest.computedAt).toUTCString(),
    };
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    const filters = rowFiltersOf(parsed);
    const labels = await labelsFor(c, lang, [document]);
    const model = chartModel(document, filters, labels, lang);
    const text = chartText(document.indicator, model, filters, labels, lang);
    // Plot and linkedom load on the first chart, not at cold start (most requests draw none).
    // The api function bundles this module as a file of its own (API_LAZY_MODULES in
    // infra/constructs/api-function.ts), imported by this very specifier: a cold start does
    // not even parse it.
    const { renderChartSvg } = await import('./render-chart-svg.js');
    const svg = renderChartSvg(model, text, { lang, minCell: document.indicator.minCell });
    return c.body(svg, 200, { ...headers, 'Content-Type': 'image/svg+xml; charset=utf-8' });
  });

  app.get('/embed/:id', async (c) => {
    const { manifest, document } = await loadIndicator(c.req.param('id'));
    const lang = resolveLanguage(c.req.query('lang'), undefined);
    const filters = rowFiltersOf(parseIndicatorFilters(document, c.req.queries()));
    const labels = await labelsFor(c, lang, [document]);
    const t = PORTAL_TEXT[lang];
    const card = renderCard(document, manifest, {
      lang,
      labels,
      timezone,
      filters,
      headingLevel: 1,
      compact: true,
    });
    const query = c.req.query();
    const switchHref = `/embed/${encodeURIComponent(document.indicator.id)}${queryString({ ...query, lang: otherLanguage(lang) })}`;
    const main = html`${card}<p class="note"><a href="${pageUrl(lang)}#${document.indicator.id}" target="_blank" rel="noopener">${t.embedSource}</a></p>`;
    const body = renderPage({
      lang,
      title: document.indicator.title[lang],
      main,
      switchHref,
      embed: true,
    });
    return htmlResponse(c, body, 200, EMBED_CSP, PAGE_CACHE_CONTROL);
  });

  app.get('/avaliar', async (c) => {
    const lang = portalLanguageOf(c.req.query('lang'));
    const services = await safeServices(c, deps);
    const preselected = c.req.query('servico');
    const body = renderRatingPage({
      lang,
      services,
      labels: dimensionLabels(await deps.registry(), lang),
      idempotencyKey: randomUUID(),
      state:
        preselected && services.some((s) => s.service_id === preselected)
          ? { values: { serviceId: preselected }, errors: {} }
          : undefined,
    });
    return htmlResponse(c, body, 200, PAGE_CSP, 'no-store');
  });

  app.get('/avaliar/apagar', (c) => {
    const lang = portalLanguageOf(c.req.query('lang'));
    return htmlResponse(c, renderErasePage(lang), 200, PAGE_CSP, 'no-store');
  });

  app.get('/privacidade', (c) => {
    const lang = portalLanguageOf(c.req.query('lang'));
    const t = PORTAL_TEXT[lang];
    const erase = ERASE_TEXT[lang];
    const body = renderPage({
      lang,
      title: t.navPrivacy,
      main: html`<h1>${t.navPrivacy}</h1>${raw(privacyNoticeFragments(retention)[lang])}<section aria-labelledby="erase-title"><h2 id="erase-title">${erase.noticeHeading}</h2><p>${erase.intro}</p>${renderEraseForm(lang)}</section>`,
      switchHref: privacyUrl(otherLanguage(lang)),
      current: 'privacy',
    });
    return htmlResponse(c, body, 200, PAGE_CSP, 'public, max-age=3600');
  });
}

/** The page's filters from its query string; invalid values are dropped and reported. */
function pageFiltersOf(
  query: Readonly<Record<string, string>>,
  regions: readonly string[],
): { filters: PageFilters; invalid: boolean } {
  let invalid = false;
  const pick = (value: string | undefined, ok: (v: string) => boolean) => {
    if (!value) return undefined;
    if (ok(value)) return value;
    invalid = true;
    return undefined;
  };
  const region = pick(query.region, (v) => regions.includes(v));
  let from = pick(query.from, (v) => PERIOD_PATTERN.test(v));
  let to = pick(query.to, (v) => PERIOD_PATTERN.test(v));
  if (from && to && from > to) {
    invalid = true;
    from = undefined;
    to = undefined;
  }
  return { filters: { region, from, to }, invalid };
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/** The service catalogue, or none when it can't be read (names then fall back to ids). */
async function safeServices(
  c: Context<MiranteEnv>,
  deps: Pick<PortalDeps, 'services'>,
): Promise<readonly ServiceListing[]> {
  try {
    return await deps.services();
  } catch (error) {
    c.get('logger').warn('service catalogue unavailable', {
      error: error instanceof Error ? error.message : String(error),
    });
    return [];
  }
}

const nameMaps = new WeakMap<readonly ServiceListing[], ReadonlyMap<string, Bilingual>>();

function serviceNames(services: readonly ServiceListing[]): ReadonlyMap<string, Bilingual> {
  let map = nameMaps.get(services);
  if (!map) {
    map = new Map(services.map((s) => [s.service_id, { 'pt-BR': s.name_pt, en: s.name_en }]));
    nameMaps.set(services, map);
  }
  return map;
}

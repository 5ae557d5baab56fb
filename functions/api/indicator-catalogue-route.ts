import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import { strongEtag } from '../http/entity-tag.js';
import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import { dimensionValueLabel } from '../indicators/dimension-value-label.js';
import type { IndicatorDocument } from '../publish/indicator-document.js';
import type { Manifest } from '../publish/manifest.js';
import { latestCacheControl } from './cache-control.js';
import { allowedDimensionValues, indicatorFacets } from './indicator-facets.js';
import { assertKnownParameters } from './known-parameters.js';
import { type Language, resolveLanguage } from './language.js';
import { latestInstant, sortManifests } from './manifest-order.js';
import { type PublicLinks, publicBaseUrl, publicLinks } from './public-links.js';
import type { ReadRoutesDeps } from './read-routes-deps.js';
import { representation } from './representation.js';
import {
  CacheHeadersSchema,
  COMMON_ERRORS,
  LangParameterSchema,
  NOT_MODIFIED,
} from './route-responses.js';
import { type Catalogue, CatalogueSchema } from './schemas/indicator-catalogue-schema.js';
import { sendRepresentation } from './send-representation.js';

/** Display order of the themes (the portal's card groups). */
export const THEME_ORDER = ['services', 'wifi', 'devices', 'telecentros', 'skills'];

const catalogueRoute = createRoute({
  method: 'get',
  path: '/v1/indicators',
  tags: ['Indicators'],
  summary: 'The catalogue of published indicators',
  description:
    'Every published indicator with its title and description in the requested language, unit, theme, dimensions with the values their filters accept (dynamic ones such as `service_id` link to their list), the periods available, when it was last updated and links to its result, CSV, history and chart.',
  request: { query: z.object({ lang: LangParameterSchema }) },
  responses: {
    200: {
      description: 'The catalogue',
      headers: CacheHeadersSchema,
      content: { 'application/json': { schema: CatalogueSchema } },
    },
    304: NOT_MODIFIED,
    ...COMMON_ERRORS,
  },
});

/** Route definition of the catalogue (for documentation by other surfaces). */
export const indicatorCatalogueRouteDefinitions = [catalogueRoute];

/**
 * Registers `GET /v1/indicators`: the indicator catalogue built from the manifests and the latest
 * documents, ordered by theme (the portal's groups), then id.
 */
export function registerIndicatorCatalogueRoute(
  app: OpenAPIHono<MiranteEnv>,
  deps: ReadRoutesDeps,
): void {
  app.openAPIRegistry.registerPath(catalogueRoute);
  const cacheControl = latestCacheControl(deps.config);
  app.get(catalogueRoute.path, async (c) => {
    assertKnownParameters(c.req.url, ['lang']);
    const language = resolveLanguage(c.req.query('lang'), c.req.header('accept-language'));
    const manifests = sortManifests(await deps.store.manifests());
    const base = publicBaseUrl(c, deps.config);
    const key = [
      'catalogue',
      language,
      base,
      ...manifests.map((m) => `${m.indicatorId}@${m.version}@${m.computedAt}`),
    ].join('|');
    const found = await deps.representations.get(key, async () => {
      const registry = await deps.registry();
      const documents = await Promise.all(manifests.map((m) => deps.store.document(m)));
      const links = publicLinks(base);
      const data = manifests.map((m, i) =>
        catalogueEntry(m, documents[i] as IndicatorDocument, language, registry, links),
      );
      const themeRank = (theme: string) => {
        const i = THEME_ORDER.indexOf(theme);
        return i < 0 ? THEME_ORDER.length : i;
      };
      data.sort((a, b) => themeRank(a.theme) - themeRank(b.theme) || a.id.localeCompare(b.id));
      const body: Catalogue = {
        data,
        meta: { count: manifests.length, language },
      };
      return representation(JSON.stringify(body), {
        etag: strongEtag(key),
        contentType: 'application/json; charset=utf-8',
        cacheControl,
        lastModified: latestInstant(manifests),
        headers: { 'Content-Language': language, Vary: 'Accept-Language' },
      });
    });
    return sendRepresentation(c, found);
  });
}

function catalogueEntry(
  manifest: Manifest,
  document: IndicatorDocument,
  lang: Language,
  registry: DimensionRegistry,
  links: PublicLinks,
): Catalogue['data'][number] {
  const m = document.indicator;
  const facets = indicatorFacets(document);
  return {
    id: m.id,
    title: m.title[lang],
    description: m.description[lang],
    unit: m.unit,
    theme: m.theme,
    keywords: [...m.keywords],
    frequency: m.frequency,
    dimensions: allowedDimensionValues(document, registry).map((facet) => {
      const entry = registry.dimensions[facet.name];
      const label = entry?.label[lang] ?? facet.name;
      if (entry?.dynamic) {
        return {
          name: facet.name,
          label,
          dynamic: true,
          valueCount: facet.values.length,
          valuesLink: facet.name === 'service_id' ? links.services() : links.indicator(m.id),
        };
      }
      const values = facet.values;
      return {
        name: facet.name,
        label,
        dynamic: false,
        valueCount: values.length,
        values: values.map((value) => ({
          value,
          label: dimensionValueLabel(registry, facet.name, value, lang),
        })),
      };
    }),
    periods: [...facets.periods],
    version: manifest.version,
    lastUpdated: manifest.computedAt,
    rowCount: manifest.rowCount,
    links: {
      self: links.indicator(m.id),
      csv: links.indicatorCsv(m.id),
      versions: links.versions(m.id),
      chart: links.chart(m.id),
    },
  };
}

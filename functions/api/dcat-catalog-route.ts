import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import { strongEtag } from '../http/entity-tag.js';
import { negotiateMediaType } from '../http/negotiate-media-type.js';
import { problemResponse } from '../http/problem-schema.js';
import { ProblemError } from '../shared/problem.js';
import { buildDcatCatalog } from './build-dcat-catalog.js';
import { latestCacheControl } from './cache-control.js';
import { assertKnownParameters } from './known-parameters.js';
import { latestInstant, sortManifests } from './manifest-order.js';
import { publicBaseUrl, publicLinks } from './public-links.js';
import type { ReadRoutesDeps } from './read-routes-deps.js';
import { representation } from './representation.js';
import { CacheHeadersSchema, COMMON_ERRORS, NOT_MODIFIED } from './route-responses.js';
import { DcatCatalogSchema } from './schemas/dcat-catalog-schema.js';
import { sendRepresentation } from './send-representation.js';

const JSON_LD = 'application/ld+json';

const dcatRoute = createRoute({
  method: 'get',
  path: '/v1/catalog',
  tags: ['Open data'],
  summary: 'DCAT-AP 3 catalogue (JSON-LD) for open data portals',
  description:
    'A `dcat:Catalog` in JSON-LD with its context inline (it expands offline), one `dcat:Dataset` per published indicator with titles and descriptions in pt-BR and en, keywords, temporal coverage, `dct:modified`, publisher, licence, contact point and JSON and CSV distributions. CKAN’s DCAT harvester (ckanext-dcat) reads it. Served as `application/ld+json` (or `application/json` when only that is acceptable).',
  responses: {
    200: {
      description: 'The catalogue',
      headers: CacheHeadersSchema,
      content: {
        'application/ld+json': { schema: DcatCatalogSchema },
        'application/json': { schema: DcatCatalogSchema },
      },
    },
    304: NOT_MODIFIED,
    ...COMMON_ERRORS,
    406: problemResponse('Neither JSON-LD nor JSON is acceptable'),
  },
});

/** Route definition of the DCAT catalogue (for documentation by other surfaces). */
export const dcatCatalogRouteDefinitions = [dcatRoute];

/** Registers `GET /v1/catalog`: the DCAT-AP 3 catalogue of the published indicators. */
export function registerDcatCatalogRoute(app: OpenAPIHono<MiranteEnv>, deps: ReadRoutesDeps): void {
  app.openAPIRegistry.registerPath(dcatRoute);
  const cacheControl = latestCacheControl(deps.config);
  app.get(dcatRoute.path, async (c) => {
    assertKnownParameters(c.req.url, []);
    const format = negotiateMediaType(c.req.header('accept'), [JSON_LD, 'application/json']);
    if (!format) {
      throw new ProblemError('not-acceptable', {
        detail: `The catalogue is available as ${JSON_LD} or application/json.`,
      });
    }
    const manifests = sortManifests(await deps.store.manifests());
    const base = publicBaseUrl(c, deps.config);
    const key = [
      'dcat',
      format,
      base,
      ...manifests.map((m) => `${m.indicatorId}@${m.version}@${m.computedAt}`),
    ].join('|');
    const found = await deps.representations.get(key, async () => {
      const documents = await Promise.all(manifests.map((m) => deps.store.document(m)));
      const catalog = buildDcatCatalog({
        entries: manifests.map((manifest, i) => ({
          manifest,
          document: documents[i] as (typeof documents)[number],
        })),
        links: publicLinks(base),
        config: deps.config,
      });
      return representation(JSON.stringify(catalog), {
        etag: strongEtag(key),
        contentType: `${format}; charset=utf-8`,
        cacheControl,
        lastModified: latestInstant(manifests),
        headers: { Vary: 'Accept' },
      });
    });
    return sendRepresentation(c, found);
  });
}

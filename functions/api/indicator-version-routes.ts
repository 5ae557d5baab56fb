import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import { strongEtag } from '../http/entity-tag.js';
import { problemResponse } from '../http/problem-schema.js';
import type { Receipt } from '../publish/indicator-document.js';
import type { VersionRecord } from '../publish/manifest.js';
import { ProblemError } from '../shared/problem.js';
import { IMMUTABLE_CACHE_CONTROL, latestCacheControl } from './cache-control.js';
import { findManifest } from './find-manifest.js';
import { IndicatorQuerySchema } from './indicator-result-routes.js';
import type { IndicatorStore } from './indicator-store.js';
import { assertKnownParameters } from './known-parameters.js';
import { mapLimited } from './map-limited.js';
import { publicBaseUrl, publicLinks } from './public-links.js';
import type { ReadRoutesDeps } from './read-routes-deps.js';
import { representation } from './representation.js';
import { honoPath, pathParam } from './route-path.js';
import { CacheHeadersSchema, COMMON_ERRORS, NOT_MODIFIED } from './route-responses.js';
import { IndicatorResultSchema } from './schemas/indicator-result-schema.js';
import {
  type IndicatorVersionList,
  IndicatorVersionListSchema,
} from './schemas/indicator-versions-schema.js';
import { sendRepresentation } from './send-representation.js';
import { serveIndicatorResult } from './serve-indicator-result.js';

const IdParamsSchema = z.object({
  id: z.string().min(1).openapi({ example: 'user-satisfaction' }),
});
const VersionParamsSchema = IdParamsSchema.extend({
  version: z.string().min(1).openapi({ example: '3f2a9c0d1e4b5a6c' }),
});

const versionsRoute = createRoute({
  method: 'get',
  path: '/v1/indicators/{id}/versions',
  tags: ['Indicators'],
  summary: 'The published history of an indicator, with receipts',
  description:
    'Every published version, newest first: when it was computed, its row count and its receipt (SHA-256 of the SQL, input objects with ETags and row counts, code version, privacy rule and suppression counts).',
  request: { params: IdParamsSchema },
  responses: {
    200: {
      description: 'The versions, newest first',
      headers: CacheHeadersSchema,
      content: { 'application/json': { schema: IndicatorVersionListSchema } },
    },
    304: NOT_MODIFIED,
    ...COMMON_ERRORS,
    404: problemResponse('No indicator with this id is published'),
  },
});

const versionRoute = createRoute({
  method: 'get',
  path: '/v1/indicators/{id}/versions/{version}',
  tags: ['Indicators'],
  summary: 'One published version of an indicator',
  description:
    'The same `{ indicator, receipt, data }` (or CSV, with `Accept: text/csv`) as the latest result, for a past version. A version never changes: it is cached for a year.',
  request: { params: VersionParamsSchema, query: IndicatorQuerySchema },
  responses: {
    200: {
      description: 'The published version',
      headers: CacheHeadersSchema,
      content: {
        'application/json': { schema: IndicatorResultSchema },
        'text/csv': { schema: z.string() },
      },
    },
    304: NOT_MODIFIED,
    ...COMMON_ERRORS,
    404: problemResponse('No such indicator or version'),
    406: problemResponse('Neither JSON nor CSV is acceptable'),
  },
});

const versionCsvRoute = createRoute({
  method: 'get',
  path: '/v1/indicators/{id}/versions/{version}.csv',
  tags: ['Indicators'],
  summary: 'One published version of an indicator, as CSV',
  request: { params: VersionParamsSchema, query: IndicatorQuerySchema },
  responses: {
    200: {
      description: 'The rows as CSV',
      headers: CacheHeadersSchema,
      content: { 'text/csv': { schema: z.string() } },
    },
    304: NOT_MODIFIED,
    ...COMMON_ERRORS,
    404: problemResponse('No such indicator or version'),
  },
});

/** Route definitions of the history (for documentation by other surfaces). */
export const indicatorVersionRouteDefinitions = [versionsRoute, versionRoute, versionCsvRoute];

/**
 * Registers the published history of an indicator: the list of versions with their receipts and
 * each version's result (JSON or CSV, filtered like the latest).
 */
export function registerIndicatorVersionRoutes(
  app: OpenAPIHono<MiranteEnv>,
  deps: ReadRoutesDeps,
): void {
  for (const route of indicatorVersionRouteDefinitions) app.openAPIRegistry.registerPath(route);
  const cacheControl = latestCacheControl(deps.config);

  app.get(honoPath(versionsRoute.path), async (c) => {
    assertKnownParameters(c.req.url, []);
    const id = pathParam(c, 'id');
    const manifest = await findManifest(deps.store, id);
    const records = await deps.store.versions(id);
    const base = publicBaseUrl(c, deps.config);
    const key = [
      'versions',
      id,
      manifest.version,
      base,
      ...records.map((r) => `${r.version}@${r.computedAt}`),
    ].join('|');
    const found = await deps.representations.get(key, async () => {
      const links = publicLinks(base);
      const heads = await mapLimited(records, 8, (r) => deps.store.head(r));
      const body: IndicatorVersionList = {
        data: records.map((r, i) => ({
          version: r.version,
          computedAt: r.computedAt,
          rowCount: r.rowCount,
          latest: r.version === manifest.version && r.computedAt === manifest.computedAt,
          receipt: receiptOf(heads[i]?.receipt),
          links: { self: links.version(id, r.version), csv: links.versionCsv(id, r.version) },
        })),
        meta: { indicator: id, count: records.length, latest: manifest.version },
      };
      return representation(JSON.stringify(body), {
        etag: strongEtag(key),
        contentType: 'application/json; charset=utf-8',
        cacheControl,
        lastModified: manifest.computedAt,
      });
    });
    return sendRepresentation(c, found);
  });

  app.get(honoPath(versionRoute.path), async (c) => {
    const id = pathParam(c, 'id');
    const segment = pathParam(c, 'version');
    const csvSuffix = segment.endsWith('.csv');
    const version = csvSuffix ? segment.slice(0, -4) : segment;
    const record = await findVersion(deps.store, id, version);
    return serveIndicatorResult(c, deps, {
      location: record,
      csvSuffix,
      cacheControl: IMMUTABLE_CACHE_CONTROL,
      isCurrent: () => deps.store.peekVersions(id)?.includes(record) === true,
    });
  });
}

/** The newest record of a version, or a 404 naming the latest versions. */
async function findVersion(
  store: IndicatorStore,
  id: string,
  version: string,
): Promise<VersionRecord> {
  await findManifest(store, id);
  const records = await store.versions(id);
  const record = records.find((r) => r.version === version);
  if (record) return record;
  const recent = records.slice(0, 5).map((r) => r.version);
  throw new ProblemError('not-found', {
    detail: `Indicator '${id}' has no published version '${version}'. Latest versions: ${recent.join(', ')}; all are listed at /v1/indicators/${id}/versions.`,
    extensions: { suggestions: recent },
  });
}

function receiptOf(receipt: Receipt | undefined) {
  if (!receipt) throw new Error('a version document has no receipt');
  return { ...receipt, inputs: [...receipt.inputs] };
}

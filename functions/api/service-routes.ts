import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { MiranteEnv } from '../http/create-base-app.js';
import { strongEtag } from '../http/entity-tag.js';
import { problemResponse } from '../http/problem-schema.js';
import type { IndicatorDocument } from '../publish/indicator-document.js';
import type { Manifest } from '../publish/manifest.js';
import { ProblemError } from '../shared/problem.js';
import { latestCacheControl } from './cache-control.js';
import { closestIds } from './closest-ids.js';
import { assertKnownParameters } from './known-parameters.js';
import { type Language, resolveLanguage } from './language.js';
import { latestInstant } from './manifest-order.js';
import { publicBaseUrl, publicLinks } from './public-links.js';
import type { ReadRoutesDeps } from './read-routes-deps.js';
import { representation } from './representation.js';
import { honoPath, pathParam } from './route-path.js';
import {
  CacheHeadersSchema,
  COMMON_ERRORS,
  LangParameterSchema,
  NOT_MODIFIED,
} from './route-responses.js';
import {
  type ServiceDetail,
  ServiceDetailSchema,
  type ServiceList,
  ServiceListSchema,
  type ServiceMeta,
} from './schemas/service-schemas.js';
import { sendRepresentation } from './send-representation.js';
import { catalogueFingerprint, type ServiceRecord } from './service-directory.js';
import {
  COMPLETION_INDICATOR,
  SATISFACTION_INDICATOR,
  type ServiceFigureSources,
  serviceHistory,
  serviceIds,
  serviceSeries,
  serviceSummaries,
  serviceSummary,
} from './service-figures.js';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/services',
  tags: ['Services'],
  summary: 'The service catalogue with satisfaction and completion',
  description:
    'Every service with its name (in the requested language), category and digital level, and its latest published satisfaction (`user-satisfaction`) and completion rate (`completion-rate`) in the latest complete month. A cell resting on fewer people than the indicator’s `minCell` is suppressed: `value` and `n` null, `suppressed: true`.',
  request: { query: z.object({ lang: LangParameterSchema }) },
  responses: {
    200: {
      description: 'The services',
      headers: CacheHeadersSchema,
      content: { 'application/json': { schema: ServiceListSchema } },
    },
    304: NOT_MODIFIED,
    ...COMMON_ERRORS,
  },
});

const oneRoute = createRoute({
  method: 'get',
  path: '/v1/services/{id}',
  tags: ['Services'],
  summary: 'One service with its monthly satisfaction and completion',
  request: {
    params: z.object({ id: z.string().min(1).openapi({ example: 'svc-0001' }) }),
    query: z.object({ lang: LangParameterSchema }),
  },
  responses: {
    200: {
      description: 'The service, its latest figures and their history',
      headers: CacheHeadersSchema,
      content: { 'application/json': { schema: ServiceDetailSchema } },
    },
    304: NOT_MODIFIED,
    ...COMMON_ERRORS,
    404: problemResponse('No such service (`suggestions` lists close ids)'),
  },
});

/** Route definitions of the service catalogue (for documentation by other surfaces). */
export const serviceRouteDefinitions = [listRoute, oneRoute];

interface LoadedSources {
  readonly manifests: readonly Manifest[];
  readonly services: readonly ServiceRecord[];
  readonly language: Language;
  readonly base: string;
  readonly key: string;
}

/**
 * Registers `GET /v1/services` and `GET /v1/services/{id}`: the service catalogue with each
 * service's satisfaction and completion, derived from the published `user-satisfaction` and
 * `completion-rate` results (already suppressed) and the service catalogue's names.
 */
export function registerServiceRoutes(app: OpenAPIHono<MiranteEnv>, deps: ReadRoutesDeps): void {
  for (const route of serviceRouteDefinitions) app.openAPIRegistry.registerPath(route);
  const cacheControl = latestCacheControl(deps.config);

  const load = async (c: Context, what: string): Promise<LoadedSources> => {
    assertKnownParameters(c.req.url, ['lang']);
    const language = resolveLanguage(c.req.query('lang'), c.req.header('accept-language'));
    const [satisfaction, completion, services] = await Promise.all([
      deps.store.manifest(SATISFACTION_INDICATOR),
      deps.store.manifest(COMPLETION_INDICATOR),
      deps.services(),
    ]);
    const manifests = [satisfaction, completion].filter((m): m is Manifest => m !== undefined);
    const base = publicBaseUrl(c, deps.config);
    const key = [
      what,
      language,
      base,
      catalogueFingerprint(services),
      ...manifests.map((m) => `${m.indicatorId}@${m.version}@${m.computedAt}`),
    ].join('|');
    return { manifests, services, language, base, key };
  };

  const figureSources = async (loaded: LoadedSources): Promise<ServiceFigureSources> => {
    const documentOf = (id: string): Promise<IndicatorDocument | undefined> => {
      const manifest = loaded.manifests.find((m) => m.indicatorId === id);
      return manifest ? deps.store.document(manifest) : Promise.resolve(undefined);
    };
    const [satisfaction, completion, registry] = await Promise.all([
      documentOf(SATISFACTION_INDICATOR),
      documentOf(COMPLETION_INDICATOR),
      deps.registry(),
    ]);
    return {
      satisfaction,
      completion,
      services: loaded.services,
      registry,
      language: loaded.language,
      links: publicLinks(loaded.base),
    };
  };

  const metaOf = (sources: ServiceFigureSources, count: number): ServiceMeta => ({
    count,
    language: sources.language,
    sources: [sources.satisfaction, sources.completion]
      .filter((d): d is IndicatorDocument => d !== undefined)
      .map((d) => ({
        indicator: d.indicator.id,
        version: d.receipt.version,
        period: serviceSeries(d).referencePeriod ?? null,
      })),
  });

  const respond = (loaded: LoadedSources, body: ServiceList | ServiceDetail) =>
    representation(JSON.stringify(body), {
      etag: strongEtag(loaded.key),
      contentType: 'application/json; charset=utf-8',
      cacheControl,
      lastModified: latestInstant(loaded.manifests),
      headers: { 'Content-Language': loaded.language, Vary: 'Accept-Language' },
    });

  app.get(listRoute.path, async (c) => {
    const loaded = await load(c, 'services');
    const found = await deps.representations.get(loaded.key, async () => {
      const sources = await figureSources(loaded);
      const data = serviceSummaries(sources);
      const body: ServiceList = { data, meta: metaOf(sources, data.length) };
      return respond(loaded, body);
    });
    return sendRepresentation(c, found);
  });

  app.get(honoPath(oneRoute.path), async (c) => {
    const id = pathParam(c, 'id');
    const loaded = await load(c, `service|${id}`);
    const found = await deps.representations.get(loaded.key, async () => {
      const sources = await figureSources(loaded);
      const ids = serviceIds(sources);
      if (!ids.includes(id)) {
        const suggestions = closestIds(id, ids);
        throw new ProblemError('not-found', {
          detail: `No service '${id}'.${
            suggestions.length
              ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?`
              : ''
          } The services are listed at /v1/services.`,
          extensions: { suggestions },
        });
      }
      const body: ServiceDetail = {
        data: { ...serviceSummary(id, sources), history: serviceHistory(id, sources) },
        meta: metaOf(sources, 1),
      };
      return respond(loaded, body);
    });
    return sendRepresentation(c, found);
  });
}

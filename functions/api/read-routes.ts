import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { createBaseApp, type MiranteEnv } from '../http/create-base-app.js';
import type { Logger } from '../shared/logger.js';
import { ProblemError } from '../shared/problem.js';
import { CatalogueSchema, IndicatorEnvelopeSchema, ProblemSchema } from './api-schemas.js';
import type { IndicatorStore } from './indicator-store.js';

/** What the read API needs. */
export interface ReadAppDeps {
  readonly store: IndicatorStore;
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  responses: {
    200: {
      description: 'The API is up',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

const catalogueRoute = createRoute({
  method: 'get',
  path: '/v1/indicators',
  responses: {
    200: {
      description: 'Every published indicator',
      content: { 'application/json': { schema: CatalogueSchema } },
    },
  },
});

const indicatorRoute = createRoute({
  method: 'get',
  path: '/v1/indicators/{id}',
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: {
    200: {
      description: 'The latest published result of one indicator',
      content: { 'application/json': { schema: IndicatorEnvelopeSchema } },
    },
    404: problem('No indicator with this id has been published'),
  },
});

/** The read API's route definitions (also registered for documentation by other surfaces). */
export const readRouteDefinitions = [healthRoute, catalogueRoute, indicatorRoute];

/**
 * Registers the public, read-only routes: health, the indicator catalogue and the latest
 * published result of each indicator, served from the manifest and published documents (cached
 * in memory).
 */
export function registerReadRoutes(app: OpenAPIHono<MiranteEnv>, deps: ReadAppDeps): void {
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' as const }, 200));

  app.openapi(catalogueRoute, async (c) => {
    const manifests = await deps.store.manifests();
    const entries = await Promise.all(
      manifests.map(async (m) => {
        const { indicator } = await deps.store.document(m);
        return {
          id: indicator.id,
          title: indicator.title,
          description: indicator.description,
          unit: indicator.unit,
          theme: indicator.theme,
          version: m.version,
          lastUpdated: m.computedAt,
          links: {
            self: `/v1/indicators/${m.indicatorId}`,
            csv: `/v1/indicators/${m.indicatorId}.csv`,
          },
        };
      }),
    );
    entries.sort((a, b) => a.id.localeCompare(b.id));
    return c.json({ data: entries, meta: { count: entries.length } }, 200);
  });

  app.openapi(indicatorRoute, async (c) => {
    const { id } = c.req.valid('param');
    const manifest = await deps.store.manifest(id);
    if (!manifest) {
      throw new ProblemError('not-found', { detail: `No published indicator '${id}'.` });
    }
    const document = await deps.store.document(manifest);
    return c.json(document as z.infer<typeof IndicatorEnvelopeSchema>, 200);
  });
}

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import { dcatCatalogRouteDefinitions, registerDcatCatalogRoute } from './dcat-catalog-route.js';
import { docsRouteDefinitions, registerDocsRoutes } from './docs-routes.js';
import { installFrontCache } from './front-cache.js';
import { healthRouteDefinitions, registerHealthRoute } from './health-route.js';
import {
  indicatorCatalogueRouteDefinitions,
  registerIndicatorCatalogueRoute,
} from './indicator-catalogue-route.js';
import {
  indicatorResultRouteDefinitions,
  registerIndicatorResultRoutes,
} from './indicator-result-routes.js';
import {
  indicatorVersionRouteDefinitions,
  registerIndicatorVersionRoutes,
} from './indicator-version-routes.js';
import { readApiMiddleware } from './read-api-middleware.js';
import type { ReadRoutesDeps } from './read-routes-deps.js';
import { registerServiceRoutes, serviceRouteDefinitions } from './service-routes.js';

/** Path patterns of the public read API (CORS and caching rules apply to these). */
export const READ_API_PATHS = [
  '/healthz',
  '/openapi.json',
  '/v1/indicators',
  '/v1/indicators/*',
  '/v1/services',
  '/v1/services/*',
  '/v1/catalog',
] as const;

/** The read API's route definitions (registered for documentation by other surfaces). */
export const readRouteDefinitions = [
  ...healthRouteDefinitions,
  ...indicatorCatalogueRouteDefinitions,
  ...indicatorResultRouteDefinitions,
  ...indicatorVersionRouteDefinitions,
  ...serviceRouteDefinitions,
  ...dcatCatalogRouteDefinitions,
  ...docsRouteDefinitions,
];

/**
 * Registers the public, read-only API: health, the indicator catalogue, each indicator's latest
 * result (filters, JSON/CSV, languages), its history, the services with their satisfaction, the
 * DCAT catalogue and the interactive docs, with CORS and `no-store` on errors. Everything is
 * served from the manifests and published documents, cached in memory; repeated requests for a
 * result are answered by the front cache, installed here on `app.fetch`.
 */
export function registerReadRoutes(app: OpenAPIHono<MiranteEnv>, deps: ReadRoutesDeps): void {
  const middleware = readApiMiddleware(deps.config);
  for (const path of READ_API_PATHS) app.use(path, middleware);
  registerHealthRoute(app);
  registerIndicatorCatalogueRoute(app, deps);
  registerIndicatorResultRoutes(app, deps);
  registerIndicatorVersionRoutes(app, deps);
  registerServiceRoutes(app, deps);
  registerDcatCatalogRoute(app, deps);
  registerDocsRoutes(app, { resolve: deps.resolveModule });
  if (deps.frontCache) installFrontCache(app, deps.frontCache);
}

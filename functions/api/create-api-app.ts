import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import { createBaseApp, type MiranteEnv } from '../http/create-base-app.js';
import { registerOpenApiDocument } from '../http/register-openapi-document.js';
import { registerPortalRoutes } from '../portal/portal-routes.js';
import type { Logger } from '../shared/logger.js';
import { registerReadRoutes } from './read-routes.js';
import type { ReadRoutesDeps } from './read-routes-deps.js';

/** What the public read API function needs. */
export interface ApiAppDeps {
  readonly deps: ReadRoutesDeps;
  readonly logger: Logger;
  /** Routes served by other functions, documented here so `/openapi.json` is complete. */
  readonly documentedElsewhere?: readonly RouteConfig[];
  /** The city's time zone for the portal's "last updated" (`MiranteConfig.timezone`). */
  readonly timezone?: string | undefined;
}

/**
 * The app of the public read API function (no write path): the read API, the Transparency
 * Portal's pages and charts, and the OpenAPI document of the whole API.
 */
export function createApiApp(options: ApiAppDeps): OpenAPIHono<MiranteEnv> {
  const app = createBaseApp(options.logger);
  registerReadRoutes(app, options.deps);
  registerPortalRoutes(app, { ...options.deps, timezone: options.timezone });
  registerOpenApiDocument(app, options.documentedElsewhere);
  return app;
}

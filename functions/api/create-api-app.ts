import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import { createBaseApp, type MiranteEnv } from '../http/create-base-app.js';
import { registerOpenApiDocument } from '../http/register-openapi-document.js';
import type { Logger } from '../shared/logger.js';
import type { IndicatorStore } from './indicator-store.js';
import { registerReadRoutes } from './read-routes.js';

/** What the public read API function needs. */
export interface ApiAppDeps {
  readonly store: IndicatorStore;
  readonly logger: Logger;
  /** Routes served by other functions, documented here so `/openapi.json` is complete. */
  readonly documentedElsewhere?: readonly RouteConfig[];
}

/** The app of the public read API function (no write path). */
export function createApiApp(deps: ApiAppDeps): OpenAPIHono<MiranteEnv> {
  const app = createBaseApp(deps.logger);
  registerReadRoutes(app, { store: deps.store });
  registerOpenApiDocument(app, deps.documentedElsewhere);
  return app;
}

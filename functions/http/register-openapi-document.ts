import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { MiranteEnv } from './create-base-app.js';

/**
 * Serves the OpenAPI 3.1 document at `/openapi.json`. Routes served by other functions (on AWS
 * each privilege has its own function) are passed as `documentedElsewhere`, so every surface
 * publishes the whole API.
 */
export function registerOpenApiDocument(
  app: OpenAPIHono<MiranteEnv>,
  documentedElsewhere: readonly RouteConfig[] = [],
): void {
  for (const route of documentedElsewhere) app.openAPIRegistry.registerPath(route);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Mirante API',
      version: '1',
      description:
        'Published indicators of the city with their methodology and receipts, citizen feedback, and programme metrics. Errors are RFC 9457 `application/problem+json`.',
    },
  });
}

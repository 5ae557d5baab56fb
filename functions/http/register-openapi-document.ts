import { createRoute, type OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiranteEnv } from './create-base-app.js';
import { etagMatches, strongEtag } from './entity-tag.js';

const openApiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['Documentation'],
  summary: 'This OpenAPI 3.1 document',
  responses: {
    200: {
      description: 'The OpenAPI 3.1 document of the whole Mirante API',
      content: {
        'application/json': {
          schema: z
            .object({ openapi: z.string(), info: z.object({}).passthrough() })
            .passthrough()
            .openapi({ description: 'An OpenAPI 3.1 document' }),
        },
      },
    },
    304: { description: 'Not modified (the `If-None-Match` entity tag still matches)' },
  },
});

/**
 * Serves the OpenAPI 3.1 document at `/openapi.json`. Routes served by other functions (on AWS
 * each privilege has its own function) are passed as `documentedElsewhere`, so every surface
 * publishes the whole API. The document is generated once, at the first request (after every
 * route is registered), and served with a strong entity tag.
 */
export function registerOpenApiDocument(
  app: OpenAPIHono<MiranteEnv>,
  documentedElsewhere: readonly RouteConfig[] = [],
): void {
  for (const route of documentedElsewhere) app.openAPIRegistry.registerPath(route);
  app.openAPIRegistry.registerPath(openApiRoute);
  let served: { body: string; etag: string } | undefined;
  app.get('/openapi.json', (c) => {
    if (!served) {
      const body = JSON.stringify(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: 'Mirante API',
            version: '1',
            description:
              'Published indicators of the city with their methodology and receipts, citizen feedback, and programme metrics. Errors are RFC 9457 `application/problem+json`.',
          },
        }),
      );
      served = { body, etag: strongEtag('openapi', body) };
    }
    const headers = { ETag: served.etag, 'Cache-Control': 'public, max-age=300' };
    if (etagMatches(c.req.header('if-none-match'), served.etag)) {
      return c.body(null, 304, headers);
    }
    return c.body(served.body, 200, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
    });
  });
}

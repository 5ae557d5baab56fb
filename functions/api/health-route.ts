import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import { NO_STORE } from './cache-control.js';
import { HealthSchema } from './schemas/health-schema.js';

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Operations'],
  summary: 'Liveness check',
  responses: {
    200: {
      description: 'The API is up',
      content: { 'application/json': { schema: HealthSchema } },
    },
  },
});

/** Route definition of the health check (for documentation by other surfaces). */
export const healthRouteDefinitions = [healthRoute];

/** Registers `GET /healthz` (never cached; touches no data source). */
export function registerHealthRoute(app: OpenAPIHono<MiranteEnv>): void {
  app.openapi(healthRoute, (c) => {
    c.header('Cache-Control', NO_STORE);
    return c.json({ status: 'ok' as const }, 200);
  });
}

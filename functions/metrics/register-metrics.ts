import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import {
  createMetricsDeps,
  type MetricsDeps,
  type MetricsDepsOptions,
} from './create-metrics-deps.js';
import { registerMetricsRoutes } from './metrics-routes.js';

/**
 * Wires the metrics logic and registers its staff routes on an app (the local app's one call);
 * returns the wired dependencies (the local `incoming/` poller uses the same ones).
 */
export function registerMetrics(
  app: OpenAPIHono<MiranteEnv>,
  options: MetricsDepsOptions,
): MetricsDeps {
  const deps = createMetricsDeps(options);
  registerMetricsRoutes(app, deps.routes);
  return deps;
}

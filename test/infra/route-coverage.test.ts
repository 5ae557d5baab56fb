import { describe, expect, it } from 'vitest';
import { loadApiConfig } from '../../functions/api/api-config.js';
import { createApiApp } from '../../functions/api/create-api-app.js';
import { createReadRoutesDeps } from '../../functions/api/create-read-routes-deps.js';
import { feedbackRouteDefinitions } from '../../functions/feedback/feedback-routes.js';
import { metricsRouteDefinitions } from '../../functions/metrics/metrics-routes.js';
import { createAwsClients } from '../../functions/shared/aws-clients.js';
import { silentLogger } from '../../functions/shared/logger.js';
import { API_ROUTES } from '../../infra/constructs/api-function.js';
import {
  FEEDBACK_PUBLIC_ROUTES,
  FEEDBACK_STAFF_ROUTES,
} from '../../infra/constructs/feedback-function.js';
import { METRICS_STAFF_ROUTES } from '../../infra/constructs/metrics-function.js';
import type { RouteSpec } from '../../infra/constructs/mirante-http-api.js';
import { PROJECT_ROOT } from '../../infra/project-root.js';

/** Whether an HTTP API route path (`{id}`: one segment, `{proxy+}`: the rest) matches a path. */
function routeMatches(routePath: string, path: string): boolean {
  const body = routePath
    .split('/')
    .map((segment) =>
      /^\{[^}]+\+\}$/.test(segment)
        ? '.+'
        : /^\{[^}]+\}$/.test(segment)
          ? '[^/]+'
          : segment.replace(/[.+^$()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${body}$`).test(path);
}

/** A concrete path for a Hono (`:id`) or OpenAPI (`{id}`) route path. */
const concrete = (path: string) =>
  path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, 'user-satisfaction').replace(/\{[^}]+\}/g, 'abc');

function servedBy(routes: readonly RouteSpec[], method: string, path: string): boolean {
  return routes.some(
    (r) => r.method === method.toUpperCase() && routeMatches(r.path, concrete(path)),
  );
}

describe('the HTTP API routes of each function cover what its code serves', () => {
  it('every GET page and resource of the api app (portal, docs, assets, data)', () => {
    const clients = createAwsClients({ region: 'us-east-1' });
    const app = createApiApp({
      logger: silentLogger,
      deps: createReadRoutesDeps({
        doc: clients.doc,
        s3: clients.s3,
        tableName: 'mirante',
        lakeBucket: 'mirante-lake',
        config: loadApiConfig({}),
        queriesDir: `${PROJECT_ROOT}/queries`,
      }),
    });
    const gets = [
      ...new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path)),
    ].filter((p) => p === '/' || !p.endsWith('/'));
    expect(gets).toEqual(
      expect.arrayContaining([
        '/',
        '/avaliar',
        '/avaliar/apagar',
        '/privacidade',
        '/openapi.json',
        '/v1/catalog',
      ]),
    );
    expect(gets.some((p) => p.startsWith('/assets/'))).toBe(true);
    for (const path of gets) expect(servedBy(API_ROUTES, 'GET', path), path).toBe(true);
  });

  it('every feedback route, staff batches included', () => {
    const routes = [...FEEDBACK_PUBLIC_ROUTES, ...FEEDBACK_STAFF_ROUTES];
    expect(feedbackRouteDefinitions.length).toBeGreaterThan(0);
    for (const r of feedbackRouteDefinitions) {
      expect(servedBy(routes, r.method, r.path), `${r.method} ${r.path}`).toBe(true);
    }
    expect(servedBy(FEEDBACK_STAFF_ROUTES, 'post', '/v1/feedback/batch')).toBe(true);
    // The rating page's form without JavaScript posts here; it stores a rating.
    expect(servedBy(FEEDBACK_PUBLIC_ROUTES, 'post', '/avaliar')).toBe(true);
    // The erasure form without JavaScript posts here; it erases (its page is a GET of the api).
    expect(servedBy(FEEDBACK_PUBLIC_ROUTES, 'post', '/avaliar/apagar')).toBe(true);
    expect(servedBy(API_ROUTES, 'post', '/avaliar/apagar')).toBe(false);
    expect(servedBy(API_ROUTES, 'get', '/avaliar/apagar')).toBe(true);
    expect(servedBy(FEEDBACK_PUBLIC_ROUTES, 'get', '/avaliar/apagar')).toBe(false);
  });

  it('every metrics route, all of them staff routes', () => {
    expect(metricsRouteDefinitions.length).toBeGreaterThan(0);
    for (const r of metricsRouteDefinitions) {
      expect(servedBy(METRICS_STAFF_ROUTES, r.method, r.path), `${r.method} ${r.path}`).toBe(true);
    }
  });

  it('match paths the way API Gateway does', () => {
    expect(routeMatches('/v1/indicators/{proxy+}', '/v1/indicators/a/chart.svg')).toBe(true);
    expect(routeMatches('/v1/metrics/{dataset}', '/v1/metrics/a/batches')).toBe(false);
    expect(routeMatches('/embed/{proxy+}', '/embed')).toBe(false);
    expect(concrete('/v1/indicators/:id/chart.svg')).toBe(
      '/v1/indicators/user-satisfaction/chart.svg',
    );
  });
});

import { serveApp } from '../../cli/serve.js';
import { createIndicatorStore } from '../../functions/api/indicator-store.js';
import type { ServiceCatalogue } from '../../functions/datasets/service-catalogue.js';
import { createFeedbackDeps } from '../../functions/feedback/create-feedback-deps.js';
import { registerFeedbackRoutes } from '../../functions/feedback/feedback-routes.js';
import { createBaseApp } from '../../functions/http/create-base-app.js';
import { registerEraseFormRoute } from '../../functions/portal/erase-form-route.js';
import { registerPortalRoutes } from '../../functions/portal/portal-routes.js';
import { registerRatingFormRoute } from '../../functions/portal/rating-form-route.js';
import { publishIndicator } from '../../functions/publish/publish-indicator.js';
import { generateServiceCatalogue } from '../../functions/seed/generate-services.js';
import { silentLogger } from '../../functions/shared/logger.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { fixturePublishInput, loadFixtureCatalogue } from '../unit/portal/portal-fixtures.js';

/** A running portal over the embedded test stack, with every fixture indicator published. */
export interface PortalTestServer {
  readonly baseUrl: string;
  readonly stack: TestStack;
  /** Ids of the published indicators. */
  readonly indicatorIds: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts dynalite and s3rver, publishes a fixture document for every indicator of `queries/`
 * with `publishIndicator`, and serves the portal routes, the feedback routes (`POST /v1/feedback`)
 * and the no-JavaScript rating and erasure form routes over HTTP on a free loopback port. The
 * service catalogue is the demo city's 1,400 services.
 */
export async function startPortalTestServer(): Promise<PortalTestServer> {
  const stack = await startTestStack();
  const { registry, definitions } = await loadFixtureCatalogue();
  for (const definition of definitions) {
    await publishIndicator(
      {
        doc: stack.clients.doc,
        s3: stack.clients.s3,
        config: { ...stack.config, codeVersion: 'test-0.1.0' },
        now: () => new Date('2025-06-20T12:00:00Z'),
      },
      fixturePublishInput(definition, registry),
    );
  }
  const rows = generateServiceCatalogue(7).map((s) => s.row);
  const ids = new Set(rows.map((r) => r.service_id));
  const catalogue: ServiceCatalogue = {
    has: async (id) => ids.has(id),
    list: async () => rows,
  };
  const app = createBaseApp(silentLogger);
  const store = createIndicatorStore({
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    tableName: stack.config.tableName,
    lakeBucket: stack.config.lakeBucket,
  });
  const registryLoader = async () => registry;
  registerPortalRoutes(app, {
    store,
    registry: registryLoader,
    services: () => catalogue.list(),
    timezone: stack.config.timezone,
  });
  const feedback = createFeedbackDeps({
    clients: stack.clients,
    config: stack.config,
    secrets: stack.secrets,
    services: catalogue,
    staffAuth: { kind: 'token', token: 'staff-token-for-tests' },
    logger: silentLogger,
    existsInLake: async () => false,
    limits: { perClientPerMinute: 10_000, perServicePerMinute: 10_000 },
  });
  registerFeedbackRoutes(app, feedback);
  registerRatingFormRoute(app, {
    submit: feedback.submit,
    services: () => catalogue.list(),
    registry: registryLoader,
  });
  registerEraseFormRoute(app, { erase: feedback.erase });
  const server = await serveApp(app, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${server.port}`,
    stack,
    indicatorIds: definitions.map((d) => d.metadata.id),
    async close() {
      await server.close();
      await stack.close();
    },
  };
}

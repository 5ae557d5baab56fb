import type { OpenAPIHono } from '@hono/zod-openapi';
import { loadApiConfig } from '../functions/api/api-config.js';
import { createReadRoutesDeps } from '../functions/api/create-read-routes-deps.js';
import { registerReadRoutes } from '../functions/api/read-routes.js';
import { createServiceCatalogue } from '../functions/datasets/service-catalogue.js';
import { createFeedbackDeps } from '../functions/feedback/create-feedback-deps.js';
import { registerFeedbackRoutes } from '../functions/feedback/feedback-routes.js';
import { parseCidrList } from '../functions/feedback/ip-networks.js';
import {
  acceptedOriginVerifyValues,
  parseOriginVerifyVersion,
} from '../functions/feedback/origin-verify-value.js';
import type { RateLimits } from '../functions/feedback/rate-limiter.js';
import { createBaseApp, type MiranteEnv } from '../functions/http/create-base-app.js';
import { registerOpenApiDocument } from '../functions/http/register-openapi-document.js';
import { feedbackExistsInLake } from '../functions/lake/feedback-exists-in-lake.js';
import { registerMetrics } from '../functions/metrics/register-metrics.js';
import { registerEraseFormRoute } from '../functions/portal/erase-form-route.js';
import { registerPortalRoutes } from '../functions/portal/portal-routes.js';
import { registerRatingFormRoute } from '../functions/portal/rating-form-route.js';
import type { Logger } from '../functions/shared/logger.js';
import type { LocalStack } from './local-stack.js';
import { QUERIES_DIR } from './project-paths.js';

/** What the local app needs beyond the stack. */
export interface LocalAppOptions {
  readonly stack: LocalStack;
  readonly logger: Logger;
  readonly staffToken: string;
  /** Manifest cache lifetime; short locally so new figures show at once. */
  readonly manifestTtlMs?: number;
  /** Rate limits of the feedback route (tests and benchmarks raise them). */
  readonly feedbackLimits?: Partial<RateLimits>;
  /** The environment the API settings are read from (the CLI passes its own; tests omit it). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The whole HTTP surface in one app for `mirante dev` and the integration tests: on AWS the same
 * route modules are split across one function per privilege.
 */
export function createLocalApp(options: LocalAppOptions): OpenAPIHono<MiranteEnv> {
  const { stack, logger } = options;
  const app = createBaseApp(logger);
  const services = createServiceCatalogue({
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    tableName: stack.config.tableName,
    lakeBucket: stack.config.lakeBucket,
    ttlMs: 5000,
  });
  const readDeps = createReadRoutesDeps({
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    tableName: stack.config.tableName,
    lakeBucket: stack.config.lakeBucket,
    config: { ...loadApiConfig(options.env ?? {}), manifestTtlMs: options.manifestTtlMs ?? 1000 },
    queriesDir: QUERIES_DIR,
    services: () => services.list(),
  });
  registerReadRoutes(app, readDeps);
  const feedbackDeps = createFeedbackDeps({
    clients: stack.clients,
    config: stack.config,
    secrets: stack.secrets,
    logger,
    services,
    staffAuth: { kind: 'token', token: options.staffToken },
    existsInLake: (id) => feedbackExistsInLake(stack.clients.s3, stack.config.lakeBucket, id),
    ...(options.feedbackLimits ? { limits: options.feedbackLimits } : {}),
    trustedNetworks: parseCidrList(options.env?.MIRANTE_TRUSTED_NETWORKS),
    // `originVerifyVersion` of .mirante/secrets.json, when set: see LocalSecrets.
    ...(stack.secrets.originVerifyVersion !== undefined
      ? {
          originVerify: acceptedOriginVerifyValues(
            stack.secrets.receiptKey,
            parseOriginVerifyVersion(stack.secrets.originVerifyVersion),
          ),
        }
      : {}),
  });
  registerFeedbackRoutes(app, feedbackDeps);
  // The Transparency Portal (#8): pages and charts read like the API; the no-JS form writes.
  registerPortalRoutes(app, { ...readDeps, timezone: stack.config.timezone });
  registerRatingFormRoute(app, {
    submit: feedbackDeps.submit,
    originVerify: feedbackDeps.originVerify,
    services: () => services.list(),
    registry: readDeps.registry,
  });
  registerEraseFormRoute(app, { erase: feedbackDeps.erase });
  registerMetrics(app, {
    clients: stack.clients,
    config: stack.config,
    logger,
    staffAuth: { kind: 'token', token: options.staffToken },
  });
  registerOpenApiDocument(app);
  return app;
}

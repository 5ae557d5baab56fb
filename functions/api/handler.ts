import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handle } from 'hono/aws-lambda';
import { createServiceCatalogue } from '../datasets/service-catalogue.js';
import { feedbackRouteDefinitions } from '../feedback/feedback-routes.js';
import { metricsRouteDefinitions } from '../metrics/metrics-routes.js';
import { awsClientOptionsFromEnv, createAwsClients } from '../shared/aws-clients.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { loadApiConfig } from './api-config.js';
import { createApiApp } from './create-api-app.js';
import { createReadRoutesDeps } from './create-read-routes-deps.js';

const config = loadConfig(process.env);
const clients = createAwsClients(awsClientOptionsFromEnv(process.env));
const logger = createLogger({ service: 'api' });
const services = createServiceCatalogue({
  doc: clients.doc,
  s3: clients.s3,
  tableName: config.tableName,
  lakeBucket: config.lakeBucket,
});
const app = createApiApp({
  logger,
  timezone: config.timezone,
  // The feedback and metrics functions serve these; the public document describes the whole API.
  documentedElsewhere: [...feedbackRouteDefinitions, ...metricsRouteDefinitions],
  deps: createReadRoutesDeps({
    doc: clients.doc,
    s3: clients.s3,
    tableName: config.tableName,
    lakeBucket: config.lakeBucket,
    config: loadApiConfig(process.env),
    // The bundle carries queries/ beside the handler (copied at bundling time).
    queriesDir:
      process.env.MIRANTE_QUERIES_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'queries'),
    services: () => services.list(),
    logger,
  }),
});

/** Lambda entry point of the public read API (HTTP API payload v2). */
export const handler = handle(app);

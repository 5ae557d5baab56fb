import { handle } from 'hono/aws-lambda';
import { createServiceCatalogue } from '../datasets/service-catalogue.js';
import { createBaseApp } from '../http/create-base-app.js';
import { feedbackExistsInLake } from '../lake/feedback-exists-in-lake.js';
import { awsClientOptionsFromEnv, createAwsClients } from '../shared/aws-clients.js';
import { loadConfig } from '../shared/config.js';
import { loadSecretsFromManager } from '../shared/load-secrets.js';
import { createLogger } from '../shared/logger.js';
import { createFeedbackDeps } from './create-feedback-deps.js';
import { registerFeedbackRoutes } from './feedback-routes.js';

const config = loadConfig(process.env);
const clients = createAwsClients(awsClientOptionsFromEnv(process.env));
const logger = createLogger({ service: 'feedback' });
const secretArn = process.env.MIRANTE_SECRETS_ARN;
if (!secretArn) throw new Error('MIRANTE_SECRETS_ARN is not set');
// Read once at cold start and cached for the life of the container.
const secrets = await loadSecretsFromManager(secretArn);
const trustedNetworks = (process.env.MIRANTE_TRUSTED_NETWORKS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const app = createBaseApp(logger);
registerFeedbackRoutes(
  app,
  createFeedbackDeps({
    clients,
    config,
    secrets,
    logger,
    trustedNetworks,
    staffAuth: { kind: 'jwt-claims', group: process.env.MIRANTE_STAFF_GROUP ?? 'staff' },
    services: createServiceCatalogue({
      doc: clients.doc,
      s3: clients.s3,
      tableName: config.tableName,
      lakeBucket: config.lakeBucket,
    }),
    existsInLake: (id) => feedbackExistsInLake(clients.s3, config.lakeBucket, id),
  }),
);

/** Lambda entry point of the feedback function (rating, erasure, staff bulk import). */
export const handler = handle(app);

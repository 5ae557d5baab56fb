import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { handle } from 'hono/aws-lambda';
import { createServiceCatalogue } from '../datasets/service-catalogue.js';
import { createBaseApp } from '../http/create-base-app.js';
import {
  DIMENSION_REGISTRY_FILE,
  type DimensionRegistry,
} from '../indicators/dimension-registry.js';
import { loadDimensionRegistry } from '../indicators/load-dimension-registry.js';
import { feedbackExistsInLake } from '../lake/feedback-exists-in-lake.js';
import { registerEraseFormRoute } from '../portal/erase-form-route.js';
import { registerRatingFormRoute } from '../portal/rating-form-route.js';
import { awsClientOptionsFromEnv, createAwsClients } from '../shared/aws-clients.js';
import { loadConfig } from '../shared/config.js';
import { loadSecretsFromManager } from '../shared/load-secrets.js';
import { createLogger } from '../shared/logger.js';
import { createFeedbackDeps } from './create-feedback-deps.js';
import { registerFeedbackRoutes } from './feedback-routes.js';
import { parseCidrList } from './ip-networks.js';
import { loadOriginVerifySecret } from './load-origin-verify-secret.js';

const config = loadConfig(process.env);
const clients = createAwsClients(awsClientOptionsFromEnv(process.env));
const logger = createLogger({ service: 'feedback' });
const secretArn = process.env.MIRANTE_SECRETS_ARN;
if (!secretArn) throw new Error('MIRANTE_SECRETS_ARN is not set');
const originVerifyArn = process.env.MIRANTE_ORIGIN_VERIFY_SECRET_ARN;
if (!originVerifyArn) throw new Error('MIRANTE_ORIGIN_VERIFY_SECRET_ARN is not set');
// Read once at cold start, together, and cached for the life of the container.
const secretsManager = new SecretsManagerClient({});
const [secrets, originVerify] = await Promise.all([
  loadSecretsFromManager(secretArn, secretsManager),
  loadOriginVerifySecret(originVerifyArn, secretsManager),
]);
const trustedNetworks = parseCidrList(process.env.MIRANTE_TRUSTED_NETWORKS);

const services = createServiceCatalogue({
  doc: clients.doc,
  s3: clients.s3,
  tableName: config.tableName,
  lakeBucket: config.lakeBucket,
});
// The bundle carries queries/ beside the handler (the rating form's dimension labels).
const queriesDir =
  process.env.MIRANTE_QUERIES_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'queries');
let registry: Promise<DimensionRegistry> | undefined;

const app = createBaseApp(logger);
const deps = createFeedbackDeps({
  clients,
  config,
  secrets,
  logger,
  trustedNetworks,
  originVerify,
  staffAuth: { kind: 'jwt-claims', group: process.env.MIRANTE_STAFF_GROUP ?? 'staff' },
  services,
  existsInLake: (id) => feedbackExistsInLake(clients.s3, config.lakeBucket, id),
});
registerFeedbackRoutes(app, deps);
// The no-JavaScript rating form posts here (it writes, so it lives in this function).
registerRatingFormRoute(app, {
  submit: deps.submit,
  originVerify,
  services: () => services.list(),
  registry: () => {
    registry ??= loadDimensionRegistry(join(queriesDir, DIMENSION_REGISTRY_FILE)).catch(
      (error: unknown) => {
        registry = undefined;
        throw error;
      },
    );
    return registry;
  },
});

// The no-JavaScript erasure form posts here: the same erasure logic as DELETE /v1/feedback/{id}.
registerEraseFormRoute(app, { erase: deps.erase });

/** Lambda entry point of the feedback function (rating, erasure, staff bulk import). */
export const handler = handle(app);

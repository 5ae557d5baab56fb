import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { acceptedOriginVerifyValues, parseOriginVerifyVersion } from './origin-verify-value.js';

const config = loadConfig(process.env);
const clients = createAwsClients(awsClientOptionsFromEnv(process.env));
const logger = createLogger({ service: 'feedback' });
const secretArn = process.env.MIRANTE_SECRETS_ARN;
if (!secretArn) throw new Error('MIRANTE_SECRETS_ARN is not set');
// The version of the origin-verify value CloudFront sends (set by the stack from the stage's
// originVerifyVersion): checked before the secret is read, so a bad setting fails fast.
const originVerifyVersion = parseOriginVerifyVersion(process.env.MIRANTE_ORIGIN_VERIFY_VERSION);
// Read once at cold start (the one GetSecretValue) and cached for the life of the container.
const secrets = await loadSecretsFromManager(secretArn);
// Derived locally from the receipt key: this version's value and the one before (rotation).
const originVerify = acceptedOriginVerifyValues(secrets.receiptKey, originVerifyVersion);
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

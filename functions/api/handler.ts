import { handle } from 'hono/aws-lambda';
import { awsClientOptionsFromEnv, createAwsClients } from '../shared/aws-clients.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { createApiApp } from './create-api-app.js';
import { createIndicatorStore } from './indicator-store.js';

const config = loadConfig(process.env);
const clients = createAwsClients(awsClientOptionsFromEnv(process.env));
const logger = createLogger({ service: 'api' });
const app = createApiApp({
  logger,
  store: createIndicatorStore({
    doc: clients.doc,
    s3: clients.s3,
    tableName: config.tableName,
    lakeBucket: config.lakeBucket,
    manifestTtlMs: Number(process.env.MIRANTE_MANIFEST_TTL_MS ?? 5000),
  }),
});

/** Lambda entry point of the public read API (HTTP API payload v2). */
export const handler = handle(app);

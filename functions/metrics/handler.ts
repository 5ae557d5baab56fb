import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createBaseApp } from '../http/create-base-app.js';
import { awsClientOptionsFromEnv, createAwsClients } from '../shared/aws-clients.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { createMetricsDeps } from './create-metrics-deps.js';
import { registerMetricsRoutes } from './metrics-routes.js';
import { type IncomingResult, processIncomingObject } from './process-incoming-object.js';
import { createdObjectsOf, isS3Event } from './s3-event.js';

const config = loadConfig(process.env);
const clients = createAwsClients(awsClientOptionsFromEnv(process.env));
const logger = createLogger({
  service: 'metrics',
  level:
    process.env.MIRANTE_LOG_LEVEL === 'debug'
      ? 'debug'
      : process.env.MIRANTE_LOG_LEVEL === 'warn'
        ? 'warn'
        : 'info',
});
const deps = createMetricsDeps({
  clients,
  config,
  logger,
  staffAuth: { kind: 'jwt-claims', group: process.env.MIRANTE_STAFF_GROUP ?? 'staff' },
});

const app = createBaseApp(logger);
registerMetricsRoutes(app, deps.routes);
const http = handle(app);

/**
 * Lambda entry point of the metrics function. Two event sources: the HTTP API (staff routes
 * under `/v1/metrics`) and S3 `ObjectCreated` notifications for `incoming/` in the lake bucket.
 * An S3 object that fails for a transient reason makes the invocation fail after the others
 * were tried, so Lambda's retry picks it up (objects already moved are skipped then).
 */
export async function handler(event: unknown, context: Context): Promise<unknown> {
  if (!isS3Event(event)) return http(event as LambdaEvent, context);
  const results: IncomingResult[] = [];
  let failure: unknown;
  for (const object of createdObjectsOf(event)) {
    try {
      results.push(await processIncomingObject(deps.incoming, object));
    } catch (error) {
      logger.error('incoming file failed; will retry', {
        key: object.key,
        error: error instanceof Error ? error.message : String(error),
      });
      failure ??= error;
    }
  }
  for (const r of results) {
    if (r.outcome === 'rejected') logger.metric('IncomingFileRejected', 1);
  }
  if (failure) throw failure;
  return { results: results.map((r) => ({ key: r.key, outcome: r.outcome })) };
}

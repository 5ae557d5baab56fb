import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { metricBatchKey } from '../../functions/shared/table-keys.js';
import { notifyOnObjectCreated } from './created-object-notification.js';
import { deadLetterQueue } from './dead-letter-queue.js';
import { RAW_METRICS_PREFIX } from './lake-lifecycle.js';
import { MiranteFunction } from './mirante-function.js';
import type { RouteSpec } from './mirante-http-api.js';
import type { MirantePlatform } from './mirante-platform.js';
import { partitionPattern } from './partition-pattern.js';

/** Prefix of staff CSV uploads: the only prefix with an S3 event notification. */
export const INCOMING_PREFIX = 'incoming/';

/**
 * Parent of every `ingestResultPrefix(outcome, dataset)`: processed and rejected uploads, outside
 * incoming/ so nothing re-triggers.
 */
export const INGEST_RESULTS_PREFIX = 'ingest-results/';

/** Staff routes of metric ingest, all behind the JWT authorizer. */
export const METRICS_STAFF_ROUTES: readonly RouteSpec[] = [
  { method: HttpMethod.POST, path: '/v1/metrics/{dataset}' },
  { method: HttpMethod.GET, path: '/v1/metrics/{dataset}/batches' },
  { method: HttpMethod.GET, path: '/v1/metrics/{dataset}/batches/{batchId}' },
  { method: HttpMethod.DELETE, path: '/v1/metrics/{dataset}/batches/{batchId}' },
];

/**
 * Staff metric ingest (functions/metrics/handler.ts): the staff routes, and CSV files dropped
 * under `incoming/` (S3 ObjectCreated, invoked asynchronously: a failed file is retried twice,
 * then recorded in a dead-letter queue). It writes only metric batch records in the table; in
 * the lake it reads uploads and the accepted batches (the service catalogue among them), writes
 * batches and ingest results, and deletes only the uploads it moved.
 */
export class MetricsFunction extends MiranteFunction {
  /** Uploads that failed three times land here. */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, platform: MirantePlatform) {
    super(scope, id, {
      defaults: platform.functionDefaults,
      entry: 'functions/metrics/handler.ts',
      description: 'Mirante staff metric ingest (API and incoming/ uploads)',
      // Validating a 20 MB upload takes about 600 MB (functions/metrics).
      memorySize: 1536,
      // An uploaded CSV may be far larger than an API body; the HTTP API still cuts at 30 s.
      timeout: Duration.minutes(2),
    });
    this.useTable(platform.storage.table, {
      write: [partitionPattern(metricBatchKey('*', '*'))],
    });
    this.useLake(platform.storage.lake, {
      read: [INCOMING_PREFIX, RAW_METRICS_PREFIX],
      write: [RAW_METRICS_PREFIX, INGEST_RESULTS_PREFIX],
      delete: [INCOMING_PREFIX],
    });
    platform.httpApi.addStaffRoutes(this, METRICS_STAFF_ROUTES);

    this.deadLetters = deadLetterQueue(
      this,
      'DeadLetters',
      'incoming/ uploads of the metrics function',
    );
    this.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetters),
    });
    notifyOnObjectCreated(platform.storage.lake, this.function, {
      prefix: INCOMING_PREFIX,
      logRetention: platform.functionDefaults.logRetention,
      logRemovalPolicy: platform.functionDefaults.logRemovalPolicy,
    });
  }
}

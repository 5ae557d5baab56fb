import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import {
  FEEDBACK_ID_INDEX_PREFIX,
  RAW_FEEDBACK_PREFIX,
  RAW_TOMBSTONES_PREFIX,
  rawMetricsPrefix,
} from '../../functions/shared/lake-layout.js';
import {
  feedbackKey,
  idempotencyKey,
  rateCounterKey,
  tombstoneKey,
} from '../../functions/shared/table-keys.js';
import { MiranteFunction } from './mirante-function.js';
import type { RouteSpec } from './mirante-http-api.js';
import type { MirantePlatform } from './mirante-platform.js';
import { partitionPattern } from './partition-pattern.js';

/**
 * Routes any citizen may call (`POST /avaliar` and `POST /avaliar/apagar`: the rating and erasure
 * forms without JavaScript).
 */
export const FEEDBACK_PUBLIC_ROUTES: readonly RouteSpec[] = [
  { method: HttpMethod.POST, path: '/v1/feedback' },
  { method: HttpMethod.DELETE, path: '/v1/feedback/{id}' },
  { method: HttpMethod.POST, path: '/avaliar' },
  { method: HttpMethod.POST, path: '/avaliar/apagar' },
];

/** Routes only staff may call (offline ratings in bulk). */
export const FEEDBACK_STAFF_ROUTES: readonly RouteSpec[] = [
  { method: HttpMethod.POST, path: '/v1/feedback/batch' },
];

/**
 * The item families the feedback function may write: ratings, idempotency records, rate
 * counters and erasure tombstones, and nothing else in the table.
 */
export const FEEDBACK_WRITABLE_PARTITIONS: readonly string[] = [
  partitionPattern(feedbackKey('*')),
  partitionPattern(idempotencyKey('*', '*')),
  partitionPattern(rateCounterKey('*', '*', '*')),
  partitionPattern(tombstoneKey('*')),
];

/**
 * The feedback function (functions/feedback/handler.ts): citizens' ratings and erasures, and
 * staff batches. It writes only feedback item families, reads raw/feedback/, the curated id
 * index and the services snapshot under raw/metrics/services/, and writes raw/tombstones/; of
 * the functions serving requests, it alone reads the secret.
 */
export class FeedbackFunction extends MiranteFunction {
  constructor(scope: Construct, id: string, platform: MirantePlatform) {
    super(scope, id, {
      defaults: platform.functionDefaults,
      entry: 'functions/feedback/handler.ts',
      description: 'Mirante feedback: ratings, erasure, staff batches',
      memorySize: 512,
      timeout: Duration.seconds(15),
      // The rating form's page labels (queries/ dimension registry).
      copyFolders: ['queries'],
    });
    this.useTable(platform.storage.table, { write: FEEDBACK_WRITABLE_PARTITIONS });
    this.useLake(platform.storage.lake, {
      // raw/feedback/ and the curated id index: does an erased rating sit in the lake?
      // raw/metrics/services/: the service catalogue a rating's service id is checked against.
      read: [RAW_FEEDBACK_PREFIX, FEEDBACK_ID_INDEX_PREFIX, rawMetricsPrefix('services')],
      write: [RAW_TOMBSTONES_PREFIX],
    });
    this.useSecret(platform.secrets.secret);
    // CloudFront-Viewer-Address is believed only next to the value CloudFront sends in
    // X-Mirante-Origin-Verify: the function derives it, and the one of the version before, from
    // the receipt key it reads anyway (MIRANTE_ORIGIN_VERIFY_VERSION).
    platform.originVerify.acceptIn(this);
    // This function is updated before the distribution: on a rotation (version n+1) it accepts
    // n+1 and n before CloudFront starts sending n+1, so no edge's value is refused while the
    // distribution deploys; a rollback undoes the distribution first, then this.
    platform.edge.distribution.node.addDependency(this.function);
    // Telecentro address ranges: higher per-client limits (many citizens behind one address).
    this.addEnvironment('MIRANTE_TRUSTED_NETWORKS', platform.config.trustedNetworks.join(','));
    platform.httpApi.addPublicRoutes(this, FEEDBACK_PUBLIC_ROUTES);
    platform.httpApi.addStaffRoutes(this, FEEDBACK_STAFF_ROUTES);
  }
}

import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DIMENSION_REGISTRY_FILE,
  type DimensionRegistry,
} from '../indicators/dimension-registry.js';
import { loadDimensionRegistry } from '../indicators/load-dimension-registry.js';
import type { Logger } from '../shared/logger.js';
import type { ApiConfig } from './api-config.js';
import { corsPolicy } from './cors-header-sets.js';
import { createFrontCache } from './front-cache.js';
import { createIndicatorStore } from './indicator-store.js';
import type { ReadRoutesDeps } from './read-routes-deps.js';
import { createRepresentationCache } from './representation-cache.js';
import {
  cachedServiceDirectory,
  emptyServiceDirectory,
  type ServiceDirectory,
} from './service-directory.js';

/** What {@link createReadRoutesDeps} wires together. */
export interface CreateReadRoutesDepsOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly lakeBucket: string;
  readonly config: ApiConfig;
  /** The folder holding `dimensions.yaml` (the project's `queries/`, copied into the bundle). */
  readonly queriesDir: string;
  /** The service catalogue; names are null without it. Cached for a minute. */
  readonly services?: ServiceDirectory | undefined;
  /** Where replayed responses log their access line (debug level). */
  readonly logger?: Logger | undefined;
}

/**
 * The dependencies of the read routes from clients and settings: a cached indicator store, the
 * dimension registry (read once; a failed read is retried), the service directory (cached), a
 * representation cache and a front cache.
 */
export function createReadRoutesDeps(options: CreateReadRoutesDepsOptions): ReadRoutesDeps {
  let registry: Promise<DimensionRegistry> | undefined;
  return {
    store: createIndicatorStore({
      doc: options.doc,
      s3: options.s3,
      tableName: options.tableName,
      lakeBucket: options.lakeBucket,
      manifestTtlMs: options.config.manifestTtlMs,
    }),
    registry: () => {
      if (!registry) {
        const loading = loadDimensionRegistry(join(options.queriesDir, DIMENSION_REGISTRY_FILE));
        loading.catch(() => {
          if (registry === loading) registry = undefined;
        });
        registry = loading;
      }
      return registry;
    },
    services: cachedServiceDirectory(options.services ?? emptyServiceDirectory, 60_000),
    config: options.config,
    representations: createRepresentationCache(),
    frontCache: createFrontCache({ cors: corsPolicy(options.config), logger: options.logger }),
  };
}

import type { ServiceCatalogue } from '../datasets/service-catalogue.js';
import type { AwsClients } from '../shared/aws-clients.js';
import type { MiranteConfig } from '../shared/config.js';
import type { MiranteSecrets } from '../shared/load-secrets.js';
import type { Logger } from '../shared/logger.js';
import type { StaffAuthSource } from '../shared/staff-auth.js';
import type { FeedbackRouteDeps } from './feedback-routes.js';
import type { OriginVerifySecret } from './origin-verify.js';
import { createRateLimiter, type RateLimits } from './rate-limiter.js';

/** Inputs of {@link createFeedbackDeps}. */
export interface FeedbackDepsOptions {
  readonly clients: AwsClients;
  readonly config: MiranteConfig;
  readonly secrets: MiranteSecrets;
  readonly services: ServiceCatalogue;
  readonly staffAuth: StaffAuthSource;
  readonly logger: Logger;
  /** Whether the lake holds a rating (erasure after the DynamoDB item expired). */
  readonly existsInLake: (id: string) => Promise<boolean>;
  readonly limits?: Partial<RateLimits>;
  /** Telecentro address ranges (CIDR) with higher limits. */
  readonly trustedNetworks?: readonly string[];
  /**
   * The values CloudFront may send in `X-Mirante-Origin-Verify`, derived from the receipt key for
   * the configured version (`MIRANTE_ORIGIN_VERIFY_VERSION` on AWS, `originVerifyVersion` in
   * `.mirante/secrets.json` locally). Without them, `CloudFront-Viewer-Address`
   * is never believed and every request counts by its source address.
   */
  readonly originVerify?: OriginVerifySecret | undefined;
  readonly now?: () => Date;
}

/** Wires the feedback logic's dependencies once, for the Lambda handler and the local app. */
export function createFeedbackDeps(options: FeedbackDepsOptions): FeedbackRouteDeps {
  const { clients, config, secrets, logger } = options;
  const now = options.now ?? (() => new Date());
  const serviceExists = (id: string) => options.services.has(id);
  return {
    staffAuth: options.staffAuth,
    originVerify: options.originVerify,
    submit: {
      doc: clients.doc,
      config,
      secrets,
      now,
      serviceExists,
      logger,
      limiter: createRateLimiter({
        doc: clients.doc,
        tableName: config.tableName,
        ipSalt: secrets.ipSalt,
        limits: options.limits,
        trustedNetworks: options.trustedNetworks,
      }),
    },
    erase: {
      doc: clients.doc,
      s3: clients.s3,
      config,
      secrets,
      now,
      existsInLake: options.existsInLake,
      logger,
    },
    importBatch: { doc: clients.doc, config, now, serviceExists, logger },
  };
}

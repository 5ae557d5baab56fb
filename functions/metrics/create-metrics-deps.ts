import type { AwsClients } from '../shared/aws-clients.js';
import type { MiranteConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { StaffAuthSource } from '../shared/staff-auth.js';
import type { MetricsRouteDeps } from './metrics-routes.js';
import type { ProcessIncomingDeps } from './process-incoming-object.js';

/** Inputs of {@link createMetricsDeps}. */
export interface MetricsDepsOptions {
  readonly clients: AwsClients;
  readonly config: MiranteConfig;
  readonly logger: Logger;
  readonly staffAuth: StaffAuthSource;
  readonly now?: () => Date;
}

/** Everything the metrics function does, wired once: the HTTP routes and the `incoming/` files. */
export interface MetricsDeps {
  readonly routes: MetricsRouteDeps;
  readonly incoming: ProcessIncomingDeps;
}

/** Wires the metrics logic's dependencies for the Lambda handler and the local app. */
export function createMetricsDeps(options: MetricsDepsOptions): MetricsDeps {
  const { clients, config, logger } = options;
  const now = options.now ?? (() => new Date());
  const submit = { doc: clients.doc, s3: clients.s3, config, now, logger };
  return {
    routes: {
      submit,
      list: { doc: clients.doc, config },
      retract: { doc: clients.doc, config, now, logger },
      staffAuth: options.staffAuth,
    },
    incoming: submit,
  };
}

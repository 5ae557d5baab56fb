import type { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';

/** CloudWatch namespace of the metrics Mirante's functions emit (EMF lines of the shared logger). */
export const MIRANTE_NAMESPACE = 'Mirante';

/**
 * A metric a function emits with the shared logger's `metric(name, value)`: the logger always
 * adds the `service` dimension (the logger's service name) and nothing else unless asked, so an
 * alarm names exactly `{ service }`.
 */
export interface EmittedMetric {
  readonly name: string;
  /** The `service` of the emitting function's logger (`createLogger({ service })`). */
  readonly service: string;
  readonly meaning: string;
}

/** Emitted by export after every run: age of the oldest closed bucket not yet exported, or 0. */
export const EXPORT_LAG_SECONDS: EmittedMetric = {
  name: 'ExportLagSeconds',
  service: 'export',
  meaning:
    'seconds between now and the end of the oldest closed feedback time bucket that is not yet in the lake after the run (0 when caught up)',
};

/** Emitted by compute after every run: how many indicators failed (their last version stays). */
export const INDICATORS_FAILED_PER_RUN: EmittedMetric = {
  name: 'IndicatorsFailedPerRun',
  service: 'compute',
  meaning: 'indicators whose SQL or declared tests failed in the run (0 when all published)',
};

/** The CloudWatch metric of an emitted metric, with a statistic and a period. */
export function emittedMetric(m: EmittedMetric, statistic: string, period: Duration): Metric {
  return new Metric({
    namespace: MIRANTE_NAMESPACE,
    metricName: m.name,
    dimensionsMap: { service: m.service },
    statistic,
    period,
  });
}

/**
 * Emitted by compute after every run: how many datasets failed to compact into curated/ (their
 * previous curated files stay; indicators keep using them).
 */
export const COMPACTIONS_FAILED_PER_RUN: EmittedMetric = {
  name: 'CompactionsFailedPerRun',
  service: 'compute',
  meaning: 'datasets whose compaction into curated/ failed in the run (0 when all compacted)',
};

/** Every metric an alarm expects a function to emit. */
export const EMITTED_METRICS: readonly EmittedMetric[] = [
  EXPORT_LAG_SECONDS,
  INDICATORS_FAILED_PER_RUN,
  COMPACTIONS_FAILED_PER_RUN,
];

import { Duration, Size } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { COMPUTE_NODE_OPTIONS } from '../../functions/compute/compute-node-options.js';
import { manifestKey } from '../../functions/shared/table-keys.js';
import { computeEphemeralStorageMb } from './compute-sizing.js';
import { MiranteFunction } from './mirante-function.js';
import {
  COMPACTIONS_FAILED_PER_RUN,
  emittedMetric,
  INDICATORS_FAILED_PER_RUN,
} from './mirante-metrics.js';
import type { MirantePlatform } from './mirante-platform.js';
import { partitionPattern } from './partition-pattern.js';
import { ScheduledInvocation } from './scheduled-invocation.js';

/** How often indicators are recomputed. */
export const COMPUTE_EVERY = Duration.minutes(15);

/** Native package installed beside the bundle (esbuild can't bundle its binding). */
export const DUCKDB_PACKAGE = '@duckdb/node-api';

/**
 * The scheduled compute (functions/compute/handler.ts): DuckDB over the lake and queries/, then
 * publication. DuckDB's binding is the host's (x86_64, glibc), so the function is x86_64; it
 * reads raw/, curated/ and published/, writes curated/ and published/, and writes only
 * indicator manifests and versions in the table. Its memory is the stage's `computeMemoryMb`.
 */
export class ComputeFunction extends MiranteFunction {
  /** Its schedule and dead-letter queue. */
  readonly schedule: ScheduledInvocation;

  constructor(scope: Construct, id: string, platform: MirantePlatform) {
    super(scope, id, {
      defaults: platform.functionDefaults,
      entry: 'functions/compute/handler.ts',
      description: 'Mirante indicator compute and publish (scheduled, DuckDB)',
      architecture: Architecture.X86_64,
      // The stage's computeMemoryMb (default 3,008 MB); /tmp follows it. The handler derives
      // DuckDB's threads and memory limit from the memory it runs with.
      memorySize: platform.config.computeMemoryMb,
      ephemeralStorageSize: Size.mebibytes(
        computeEphemeralStorageMb(platform.config.computeMemoryMb),
      ),
      // Lambda's maximum, whatever the memory (more memory only makes runs shorter: more vCPUs),
      // and no longer than COMPUTE_EVERY, so a run ends before the next one is scheduled.
      timeout: Duration.minutes(15),
      nodeModules: [DUCKDB_PACKAGE],
      copyFolders: ['queries'],
      // One run at a time: each run rewrites the compaction state (curated/_state/).
      reservedConcurrentExecutions: 1,
    });
    this.addEnvironment('NODE_OPTIONS', COMPUTE_NODE_OPTIONS);
    this.useTable(platform.storage.table, { write: [partitionPattern(manifestKey('*'))] });
    this.useLake(platform.storage.lake, {
      read: ['raw/', 'curated/', 'published/'],
      write: ['curated/', 'published/'],
    });
    this.schedule = new ScheduledInvocation(this, 'Schedule', {
      target: this,
      schedule: Schedule.rate(COMPUTE_EVERY),
      description: 'Recompute and publish the indicators',
      maxEventAge: COMPUTE_EVERY,
    });
    platform.monitoring.addAlarm('IndicatorFailures', {
      metric: emittedMetric(INDICATORS_FAILED_PER_RUN, 'Maximum', COMPUTE_EVERY),
      threshold: 1,
      evaluationPeriods: 1,
      description:
        'An indicator failed to compute (bad SQL or a failed declared test); its previous version stays published.',
    });
    platform.monitoring.addAlarm('CompactionFailures', {
      metric: emittedMetric(COMPACTIONS_FAILED_PER_RUN, 'Maximum', COMPUTE_EVERY),
      threshold: 1,
      evaluationPeriods: 1,
      description:
        'A dataset failed to compact into curated/ (new ratings, erasures or batches are not applied yet); its previous curated files stay.',
    });
  }
}

import { Duration } from 'aws-cdk-lib';
import { TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { RAW_FEEDBACK_PREFIX } from '../../functions/shared/lake-layout.js';
import { watermarkKey } from '../../functions/shared/table-keys.js';
import { MiranteFunction } from './mirante-function.js';
import { EXPORT_LAG_SECONDS, emittedMetric } from './mirante-metrics.js';
import type { MirantePlatform } from './mirante-platform.js';
import { partitionPattern } from './partition-pattern.js';
import { ScheduledInvocation } from './scheduled-invocation.js';

/** How often closed feedback time buckets are exported to the lake. */
export const EXPORT_EVERY = Duration.minutes(5);

/** Export lag (oldest closed bucket not in the lake) above which the alarm fires. */
export const EXPORT_LAG_ALARM = Duration.minutes(30);

/**
 * The scheduled feedback export (functions/export/handler.ts): reads closed time buckets from
 * the table, writes one deterministic object per bucket under raw/feedback/, then moves its
 * watermark, the only item it may write.
 */
export class ExportFunction extends MiranteFunction {
  /** Its schedule and dead-letter queue. */
  readonly schedule: ScheduledInvocation;

  constructor(scope: Construct, id: string, platform: MirantePlatform) {
    super(scope, id, {
      defaults: platform.functionDefaults,
      entry: 'functions/export/handler.ts',
      description: 'Mirante feedback export (scheduled)',
      memorySize: 512,
      timeout: Duration.seconds(120),
    });
    this.useTable(platform.storage.table, { write: [partitionPattern(watermarkKey('*'))] });
    this.useLake(platform.storage.lake, { write: [RAW_FEEDBACK_PREFIX] });
    this.schedule = new ScheduledInvocation(this, 'Schedule', {
      target: this,
      schedule: Schedule.rate(EXPORT_EVERY),
      description: 'Export closed feedback time buckets to the lake',
      maxEventAge: EXPORT_EVERY,
    });
    // Three 5-minute periods with a lag over the limit, or with no report at all (the export
    // reports after every run, so silence means it is not running).
    platform.monitoring.addAlarm('ExportLag', {
      metric: emittedMetric(EXPORT_LAG_SECONDS, 'Maximum', EXPORT_EVERY),
      threshold: EXPORT_LAG_ALARM.toSeconds(),
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: TreatMissingData.BREACHING,
      description: `Ratings wait more than ${EXPORT_LAG_ALARM.toMinutes()} minutes to reach the lake, or the export has not reported for 15 minutes.`,
    });
  }
}

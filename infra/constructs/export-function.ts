import { Duration } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { RAW_FEEDBACK_PREFIX } from '../../functions/shared/lake-layout.js';
import { watermarkKey } from '../../functions/shared/table-keys.js';
import { MiranteFunction } from './mirante-function.js';
import type { MirantePlatform } from './mirante-platform.js';
import { partitionPattern } from './partition-pattern.js';
import { ScheduledInvocation } from './scheduled-invocation.js';

/** How often closed feedback time buckets are exported to the lake. */
export const EXPORT_EVERY = Duration.minutes(5);

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
  }
}

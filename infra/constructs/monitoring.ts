import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { MiranteFunction } from './mirante-function.js';

/** Properties of {@link Monitoring}. */
export interface MonitoringProps {
  /** Who receives the alarms (an SNS e-mail subscription); none in a dev stage is allowed. */
  readonly alarmEmail: string | undefined;
}

/** What one alarm watches and when it fires. */
export interface AlarmSpec {
  readonly metric: IMetric;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  /** Default: greater than or equal to the threshold. */
  readonly comparisonOperator?: ComparisonOperator;
  /** Default: missing data is fine (nothing happened). */
  readonly treatMissingData?: TreatMissingData;
  /** What the alarm means; docs/operations.md says what to do. */
  readonly description: string;
}

/** The 5xx share of API requests (percent) above which the API alarm fires. */
export const API_5XX_PERCENT = 5;
/** Requests in a period below which the 5xx share is not judged (a few errors at night). */
export const API_5XX_MIN_REQUESTS = 20;

/**
 * Alarms and where they go: one SNS topic (TLS only; an e-mail subscription from the stage
 * config) that every alarm, the monthly budget and failed backups notify. `watchEverything`
 * adds the alarms every function and dead-letter queue must have; functions add their own
 * metric alarms with {@link addAlarm}.
 */
export class Monitoring extends Construct {
  /** Receives every alarm, the budget alerts and failed backup jobs. */
  readonly topic: Topic;
  /** Every alarm created, by its id. */
  readonly alarms = new Map<string, Alarm>();
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', {
      displayName: `Mirante alarms (${Stack.of(this).stackName})`,
      enforceSSL: true,
    });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm, budget and backup notifications carry no personal data; the AWS managed SNS key cannot be used by CloudWatch alarms or AWS Budgets, and a customer managed key would cost more than the rest of an idle deployment.',
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    // AWS Budgets publishes the budget alerts; only for budgets of this account.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.action = new SnsAction(this.topic);
  }

  /** Adds an alarm named `<stack>-<id>` that notifies the topic when it fires and recovers. */
  addAlarm(id: string, spec: AlarmSpec): Alarm {
    if (this.alarms.has(id)) throw new Error(`alarm ${id} exists already`);
    const alarm = new Alarm(this, id, {
      alarmName: `${Stack.of(this).stackName}-${id}`,
      alarmDescription: `${spec.description} See docs/operations.md, "Alarms".`,
      metric: spec.metric,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm,
      comparisonOperator:
        spec.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: spec.treatMissingData ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.set(id, alarm);
    return alarm;
  }

  /** Errors of a function (unhandled errors, timeouts, out of memory), summed over 5 minutes. */
  watchFunction(fn: MiranteFunction): void {
    this.addAlarm(`${fn.node.id}Errors`, {
      metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      description: `The ${fn.node.id} function failed (an unhandled error, a timeout or out of memory).`,
    });
  }

  /**
   * Throttled Lambda invocations in the account, summed over 5 minutes. Mirante's functions have
   * no reserved concurrency except compute (one run at a time, so a schedule that fires during a
   * long run is throttled and retried), so they are throttled only when the account's concurrency
   * is exhausted: one account-wide alarm watches that for all of them (an alarm per function
   * would cost $0.10 a month each and say the same).
   */
  watchThrottles(): void {
    this.addAlarm('LambdaThrottles', {
      metric: new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'Throttles',
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      description:
        "Lambda invocations in this account were throttled: the account's concurrency is exhausted, and Mirante's functions are refused too.",
    });
  }

  /** Any message in a dead-letter queue: a scheduled or asynchronous run failed for good. */
  watchDeadLetters(queue: Queue, owner: string): void {
    this.addAlarm(`${owner}DeadLetters`, {
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      description: `A failed ${owner} invocation waits in its dead-letter queue.`,
    });
  }

  /** The share of HTTP API responses that are 5xx, over 5-minute periods with enough traffic. */
  watchHttpApi(api: IHttpApi): void {
    const period = Duration.minutes(5);
    this.addAlarm('Api5xxRate', {
      metric: new MathExpression({
        expression: `IF(requests >= ${API_5XX_MIN_REQUESTS}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: api.metricServerError({ period, statistic: 'Sum' }),
          requests: api.metricCount({ period, statistic: 'Sum' }),
        },
        period,
        label: 'HTTP API 5xx (% of requests)',
      }),
      threshold: API_5XX_PERCENT,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      description: `More than ${API_5XX_PERCENT}% of HTTP API responses were 5xx in two of the last three 5-minute periods.`,
    });
  }

  /**
   * Watches every Mirante function (errors; not the deployment-time ones, see
   * `MiranteFunctionProps.errorAlarm`), the account's throttles, and every SQS queue (all of
   * Mirante's queues are dead-letter queues) under a scope: call it once, after every function
   * exists.
   */
  watchEverything(scope: IConstruct): void {
    this.watchThrottles();
    for (const c of scope.node.findAll()) {
      if (c instanceof MiranteFunction) {
        if (c.errorAlarm) this.watchFunction(c);
      } else if (c instanceof Queue) this.watchDeadLetters(c, ownerOf(c));
    }
  }
}

/** The id of the construct owning a dead-letter queue (`Export`, `Compute`, `Metrics`). */
function ownerOf(queue: Queue): string {
  let node: IConstruct | undefined = queue.node.scope;
  while (node && !(node instanceof MiranteFunction)) node = node.node.scope;
  if (!node) throw new Error(`${queue.node.path}: a queue must belong to a Mirante function`);
  return node.node.id;
}

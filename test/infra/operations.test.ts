import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_ROLE_POLICIES, FAILED_BACKUP_STATES } from '../../infra/constructs/backups.js';
import {
  EXPORT_LAG_SECONDS,
  INDICATORS_FAILED_PER_RUN,
  MIRANTE_NAMESPACE,
} from '../../infra/constructs/mirante-metrics.js';
import type { MiranteStack } from '../../infra/mirante-stack.js';
import { buildMiranteStack, logicalIdOf, TEST_ALARM_EMAIL } from './build-mirante-stack.js';
import type { TemplateJson, TemplateResource } from './iam-statements.js';

interface Built {
  readonly stack: MiranteStack;
  readonly template: Template;
  readonly json: TemplateJson;
}

let dev: Built;
let prod: Built;

function build(stage: 'dev' | 'prod', context: Record<string, unknown> = {}): Built {
  const { stack } = buildMiranteStack(stage, context);
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as TemplateJson };
}

beforeAll(() => {
  dev = build('dev');
  prod = build('prod', { monthlyBudgetUsd: '40', backupRetentionDays: '60' });
});

const ofType = (b: Built, type: string): Array<[string, TemplateResource]> =>
  Object.entries(b.json.Resources).filter(([, r]) => r.Type === type);

interface AlarmProps {
  readonly AlarmName: string;
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: Array<{ Name: string; Value: unknown }>;
  readonly Statistic?: string;
  readonly Period?: number;
  readonly Threshold: number;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm?: number;
  readonly TreatMissingData: string;
  readonly AlarmActions: unknown[];
  readonly OKActions: unknown[];
  readonly Metrics?: Array<Record<string, unknown>>;
}

const alarms = (b: Built): AlarmProps[] =>
  ofType(b, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties as unknown as AlarmProps);

const alarmNamed = (b: Built, suffix: string): AlarmProps => {
  const found = alarms(b).find((a) => a.AlarmName === `${b.stack.stackName}-${suffix}`);
  if (!found) throw new Error(`no alarm ${suffix}`);
  return found;
};

describe('the alarm topic', () => {
  it('receives every alarm, firing and recovering', () => {
    const topic = { Ref: logicalIdOf(dev.stack.platform.monitoring.topic) };
    const all = alarms(dev);
    expect(all.length).toBeGreaterThanOrEqual(13);
    for (const a of all) {
      expect(a.AlarmActions, a.AlarmName).toEqual([topic]);
      expect(a.OKActions, a.AlarmName).toEqual([topic]);
    }
  });

  it('mails the configured address (prod), accepts only TLS, and lets AWS Budgets publish', () => {
    prod.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: TEST_ALARM_EMAIL,
      TopicArn: { Ref: logicalIdOf(prod.stack.platform.monitoring.topic) },
    });
    dev.template.resourceCountIs('AWS::SNS::Subscription', 0);
    dev.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'budgets.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });
});

describe('alarms', () => {
  it('watch errors of every function, and throttles in the account', () => {
    const functions = [
      dev.stack.api,
      dev.stack.feedback,
      dev.stack.export,
      dev.stack.compute,
      dev.stack.metrics,
    ];
    for (const fn of functions) {
      expect(alarmNamed(dev, `${fn.node.id}Errors`)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(fn.function) } }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        TreatMissingData: 'notBreaching',
      });
    }
    const errors = alarms(dev).filter((a) => a.MetricName === 'Errors');
    expect(errors).toHaveLength(functions.length);
    const throttles = alarmNamed(dev, 'LambdaThrottles');
    expect(throttles).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Statistic: 'Sum',
      Threshold: 1,
    });
    // Account-wide: no FunctionName dimension.
    expect(throttles.Dimensions).toBeUndefined();
  });

  it('watch the depth of every queue (all are dead-letter queues)', () => {
    const queues = ofType(dev, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(3);
    const watched = alarms(dev)
      .filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((a) => {
        expect(a).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 1 });
        const queue = a.Dimensions?.[0]?.Value as { 'Fn::GetAtt': string[] } | undefined;
        return queue?.['Fn::GetAtt'][0];
      });
    expect(watched.sort()).toEqual(queues.map(([id]) => id).sort());
    expect(alarmNamed(dev, 'MetricsDeadLetters').Dimensions?.[0]?.Value).toEqual({
      'Fn::GetAtt': [logicalIdOf(dev.stack.metrics.deadLetters), 'QueueName'],
    });
  });

  it('watch the export lag the export function reports, and its silence', () => {
    expect(alarmNamed(dev, 'ExportLag')).toMatchObject({
      Namespace: MIRANTE_NAMESPACE,
      MetricName: 'ExportLagSeconds',
      Dimensions: [{ Name: 'service', Value: 'export' }],
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 1800,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
    });
    expect(EXPORT_LAG_SECONDS).toMatchObject({ name: 'ExportLagSeconds', service: 'export' });
  });

  it('watch compaction failures the compute function reports', () => {
    expect(alarmNamed(dev, 'CompactionFailures')).toMatchObject({
      Namespace: 'Mirante',
      MetricName: 'CompactionsFailedPerRun',
      Dimensions: [{ Name: 'service', Value: 'compute' }],
      Statistic: 'Maximum',
      Threshold: 1,
    });
  });

  it('watch indicator failures the compute function reports', () => {
    expect(alarmNamed(dev, 'IndicatorFailures')).toMatchObject({
      Namespace: 'Mirante',
      MetricName: INDICATORS_FAILED_PER_RUN.name,
      Dimensions: [{ Name: 'service', Value: 'compute' }],
      Statistic: 'Maximum',
      Period: 900,
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('watch the share of 5xx answers of the HTTP API', () => {
    const a = alarmNamed(dev, 'Api5xxRate');
    expect(a).toMatchObject({ Threshold: 5, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    const apiId = { Ref: logicalIdOf(dev.stack.platform.httpApi.api) };
    const stat = (name: string) =>
      a.Metrics?.find(
        (m) =>
          (m.MetricStat as { Metric: { MetricName: string } } | undefined)?.Metric.MetricName ===
          name,
      )?.MetricStat;
    expect(stat('5xx')).toEqual({
      Metric: {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: apiId }],
      },
      Period: 300,
      Stat: 'Sum',
    });
    expect(stat('Count')).toMatchObject({ Stat: 'Sum', Period: 300 });
    expect(a.Metrics?.find((m) => m.ReturnData === true)?.Expression).toBe(
      'IF(requests >= 20, 100 * errors / requests, 0)',
    );
  });
});

describe('the monthly budget', () => {
  it('alerts the topic at 80% of actual and 100% of forecast cost of the configured amount', () => {
    const topic = { Ref: logicalIdOf(prod.stack.platform.monitoring.topic) };
    prod.template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 40, Unit: 'USD' },
      },
      NotificationsWithSubscribers: [
        {
          Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 80 }),
          Subscribers: [{ SubscriptionType: 'SNS', Address: topic }],
        },
        {
          Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }),
          Subscribers: [{ SubscriptionType: 'SNS', Address: topic }],
        },
      ],
    });
    dev.template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({ BudgetLimit: { Amount: 20, Unit: 'USD' } }),
    });
  });
});

describe('backups', () => {
  it('back up the lake daily and the table monthly, kept the configured days', () => {
    interface Plan {
      BackupPlanName: string;
      BackupPlanRule: Array<{ ScheduleExpression: string; Lifecycle: { DeleteAfterDays: number } }>;
    }
    const plans = (b: Built) =>
      new Map(
        ofType(b, 'AWS::Backup::BackupPlan').map(([id, r]) => {
          const props: Record<string, unknown> = r.Properties ?? {};
          const plan = props.BackupPlan as Plan;
          return [id, plan];
        }),
      );
    const selected = (b: Built) =>
      new Map(
        ofType(b, 'AWS::Backup::BackupSelection').map(([, r]) => {
          const props: Record<string, unknown> = r.Properties ?? {};
          const planId = (props.BackupPlanId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
          return [planId, (props.BackupSelection as { Resources: unknown[] }).Resources];
        }),
      );
    const lakePlan = logicalIdOf(dev.stack.backups.lakePlan);
    const tablePlan = logicalIdOf(dev.stack.backups.tablePlan);
    expect(selected(dev)).toEqual(
      new Map([
        [lakePlan, [{ 'Fn::GetAtt': [logicalIdOf(dev.stack.platform.storage.lake), 'Arn'] }]],
        [tablePlan, [{ 'Fn::GetAtt': [logicalIdOf(dev.stack.platform.storage.table), 'Arn'] }]],
      ]),
    );
    expect(plans(dev).get(lakePlan)?.BackupPlanRule).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'cron(0 5 * * ? *)',
        Lifecycle: { DeleteAfterDays: 35 },
      }),
    ]);
    expect(plans(dev).get(tablePlan)?.BackupPlanRule).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'cron(0 5 1 * ? *)',
        Lifecycle: { DeleteAfterDays: 35 },
      }),
    ]);
    for (const plan of plans(prod).values()) {
      expect(plan.BackupPlanRule[0]?.Lifecycle.DeleteAfterDays).toBe(60);
    }
  });

  it('run with a role that can back up and restore DynamoDB and S3', () => {
    const roleId = logicalIdOf(dev.stack.backups.role);
    const role = dev.json.Resources[roleId]?.Properties as {
      AssumeRolePolicyDocument: unknown;
      ManagedPolicyArns: unknown[];
    };
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('backup.amazonaws.com');
    const arns = JSON.stringify(role.ManagedPolicyArns);
    for (const policy of BACKUP_ROLE_POLICIES)
      expect(arns).toContain(`:iam::aws:policy/${policy}"`);
    const selections = ofType(dev, 'AWS::Backup::BackupSelection');
    expect(selections).toHaveLength(2);
    for (const [, selection] of selections) {
      expect(JSON.stringify(selection.Properties)).toContain(`"Fn::GetAtt":["${roleId}","Arn"]`);
    }
  });

  it('report failed, aborted and expired jobs of the vault to the alarm topic', () => {
    dev.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.backup'],
        'detail-type': ['Backup Job State Change'],
        detail: {
          state: [...FAILED_BACKUP_STATES],
          backupVaultName: [
            { 'Fn::GetAtt': [logicalIdOf(dev.stack.backups.vault), 'BackupVaultName'] },
          ],
        },
      },
      Targets: [
        Match.objectLike({ Arn: { Ref: logicalIdOf(dev.stack.platform.monitoring.topic) } }),
      ],
    });
  });

  it('keep the vault with the data in prod', () => {
    expect(dev.json.Resources[logicalIdOf(dev.stack.backups.vault)]?.DeletionPolicy).toBe('Delete');
    expect(prod.json.Resources[logicalIdOf(prod.stack.backups.vault)]?.DeletionPolicy).toBe(
      'Retain',
    );
  });
});

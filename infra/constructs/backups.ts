import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Properties of {@link Backups}. */
export interface BackupsProps {
  readonly table: ITable;
  /** The lake bucket (versioned, as AWS Backup requires for S3). */
  readonly lake: IBucket;
  /** Days each recovery point is kept; an erased rating can survive in a backup this long. */
  readonly retentionDays: number;
  /** Where failed, aborted or expired backup jobs are reported. */
  readonly alarmTopic: ITopic;
  readonly removalPolicy: RemovalPolicy;
}

/** AWS managed policies of AWS Backup's service role: back up and restore DynamoDB and S3. */
export const BACKUP_ROLE_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
] as const;

/** Backup job states that reach the alarm topic. */
export const FAILED_BACKUP_STATES = ['FAILED', 'ABORTED', 'EXPIRED'] as const;

/**
 * AWS Backup of the lake and the table, in a vault of this stack, each recovery point kept
 * `retentionDays`. The lake is backed up daily: after the DynamoDB TTL it holds the only copy of
 * old ratings (S3 backups are incremental, so a daily point costs little). The table is backed
 * up monthly: point-in-time recovery already covers its last 35 days continuously, and each
 * DynamoDB backup is a full copy billed by size. Failed backup jobs reach the alarm topic.
 */
export class Backups extends Construct {
  /** Holds the recovery points. */
  readonly vault: BackupVault;
  /** The lake's daily plan. */
  readonly lakePlan: BackupPlan;
  /** The table's monthly plan. */
  readonly tablePlan: BackupPlan;
  /** The role AWS Backup assumes to back up and restore. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: BackupsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.vault = new BackupVault(this, 'Vault', { removalPolicy: props.removalPolicy });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      description: 'AWS Backup: back up and restore the Mirante table and lake',
      managedPolicies: BACKUP_ROLE_POLICIES.map((p) => ManagedPolicy.fromAwsManagedPolicyName(p)),
    });
    for (const policy of BACKUP_ROLE_POLICIES) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`,
        reason: `${policy} is the AWS Backup service-role policy its documentation prescribes for DynamoDB and S3 backups and restores; AWS maintains it as the services change.`,
      });
    }
    const plan = (planId: string, name: string, schedule: Schedule, resource: BackupResource) => {
      const backupPlan = new BackupPlan(this, planId, {
        backupPlanName: `${stackName}-${name}`,
        backupVault: this.vault,
      });
      backupPlan.addRule(
        new BackupPlanRule({
          ruleName: name,
          scheduleExpression: schedule,
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(8),
          deleteAfter: Duration.days(props.retentionDays),
        }),
      );
      backupPlan.addSelection('Selection', {
        resources: [resource],
        role: this.role,
        disableDefaultBackupPolicy: true,
      });
      return backupPlan;
    };
    // 05:00 UTC, 02:00 in Brasília: after the night's compute runs, before office hours.
    this.lakePlan = plan(
      'LakePlan',
      'lake-daily',
      Schedule.cron({ minute: '0', hour: '5' }),
      BackupResource.fromArn(props.lake.bucketArn),
    );
    this.tablePlan = plan(
      'TablePlan',
      'table-monthly',
      Schedule.cron({ minute: '0', hour: '5', day: '1' }),
      BackupResource.fromDynamoDbTable(props.table),
    );
    new Rule(this, 'FailedJobs', {
      description: 'Report failed, aborted or expired Mirante backup jobs',
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change'],
        detail: {
          state: [...FAILED_BACKUP_STATES],
          backupVaultName: [this.vault.backupVaultName],
        },
      },
      targets: [new SnsTopic(props.alarmTopic)],
    });
  }
}

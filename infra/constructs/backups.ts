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
 * AWS Backup of the table and the lake: a daily recovery point of each, kept `retentionDays`
 * in a vault of this stack. After the DynamoDB TTL the lake holds the only copy of old ratings,
 * so it is backed up too (point-in-time recovery covers the table's last 35 days besides).
 * Failed backup jobs are reported to the alarm topic.
 */
export class Backups extends Construct {
  /** Holds the recovery points. */
  readonly vault: BackupVault;
  /** The daily plan. */
  readonly plan: BackupPlan;
  /** The role AWS Backup assumes to back up and restore. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: BackupsProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', { removalPolicy: props.removalPolicy });
    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: `${Stack.of(this).stackName}-daily`,
      backupVault: this.vault,
    });
    this.plan.addRule(
      new BackupPlanRule({
        ruleName: 'daily',
        // 05:00 UTC, 02:00 in Brasília: after the night's compute runs, before office hours.
        scheduleExpression: Schedule.cron({ minute: '0', hour: '5' }),
        startWindow: Duration.hours(1),
        completionWindow: Duration.hours(8),
        deleteAfter: Duration.days(props.retentionDays),
      }),
    );
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
    this.plan.addSelection('TableAndLake', {
      resources: [
        BackupResource.fromDynamoDbTable(props.table),
        BackupResource.fromArn(props.lake.bucketArn),
      ],
      role: this.role,
      disableDefaultBackupPolicy: true,
    });
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

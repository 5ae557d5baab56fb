import { CfnOutput, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AnalystAccess } from './constructs/analyst-access.js';
import { ApiFunction } from './constructs/api-function.js';
import { AppSecrets } from './constructs/app-secrets.js';
import { Backups } from './constructs/backups.js';
import { ComputeFunction } from './constructs/compute-function.js';
import { ExportFunction } from './constructs/export-function.js';
import { FeedbackFunction } from './constructs/feedback-function.js';
import { FeedbackWebAcl } from './constructs/feedback-web-acl.js';
import { LakeGlueTables } from './constructs/lake-glue-tables.js';
import { MetricsFunction } from './constructs/metrics-function.js';
import type { MiranteFunctionDefaults } from './constructs/mirante-function.js';
import { MiranteHttpApi } from './constructs/mirante-http-api.js';
import type { MirantePlatform } from './constructs/mirante-platform.js';
import { Monitoring } from './constructs/monitoring.js';
import { MonthlyBudget } from './constructs/monthly-budget.js';
import { OriginVerifyValue } from './constructs/origin-verify-value.js';
import { PublicEdge } from './constructs/public-edge.js';
import { StaffAuth } from './constructs/staff-auth.js';
import { Storage } from './constructs/storage.js';
import type { StageConfig } from './stage-config.js';

/** Properties of {@link MiranteStack}. */
export interface MiranteStackProps extends StackProps {
  readonly config: StageConfig;
  /** Folder holding package-lock.json, functions/ and queries/. */
  readonly projectRoot: string;
}

/** Days the S3 server access logs are kept. */
const ACCESS_LOG_DAYS = 90;
/** Days Athena query results are kept. */
const ATHENA_RESULT_DAYS = 30;

/**
 * One Mirante deployment: storage with backups, secrets, staff identity, the HTTP API behind
 * CloudFront, one function per privilege (api, feedback, export, compute) each wiring itself to
 * the platform, alarms and a budget, and the Glue/Athena catalogue for analysts. Environment
 * agnostic: no lookups, so `cdk synth` works offline without credentials.
 */
export class MiranteStack extends Stack {
  /** The shared resources the functions wire themselves to. */
  readonly platform: MirantePlatform;
  /** Staff user pool and the JWT authorizer. */
  readonly staffAuth: StaffAuth;
  /** AWS Backup of the table and the lake. */
  readonly backups: Backups;
  /** The analysts' read-only role and policy, Athena workgroup, results bucket and Glue database. */
  readonly analysts: AnalystAccess;
  /** The Glue tables over the curated lake, in the analysts' database. */
  readonly lakeTables: LakeGlueTables;
  /** The optional web ACL created with `-c waf=true`. */
  readonly webAcl: FeedbackWebAcl | undefined;
  /** The public read API function. */
  readonly api: ApiFunction;
  /** The feedback function. */
  readonly feedback: FeedbackFunction;
  /** The scheduled export function. */
  readonly export: ExportFunction;
  /** The scheduled compute function. */
  readonly compute: ComputeFunction;
  /** The staff metric ingest function (API and incoming/ uploads). */
  readonly metrics: MetricsFunction;

  constructor(scope: Construct, id: string, props: MiranteStackProps) {
    super(scope, id, props);
    // S3 server access logs are delivered through a bucket policy, not the legacy ACL (this
    // way the log bucket can enforce bucket-owner object ownership). Set here, not in cdk.json,
    // so tests build the same stack.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const { config } = props;
    Tags.of(this).add('mirante:stage', config.stage);
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const monitoring = new Monitoring(this, 'Monitoring', { alarmEmail: config.alarmEmail });
    new MonthlyBudget(this, 'Budget', {
      amountUsd: config.monthlyBudgetUsd,
      topic: monitoring.topic,
    });
    const storage = new Storage(this, 'Storage', {
      retainData: config.retainData,
      retention: config,
      accessLogDays: ACCESS_LOG_DAYS,
    });
    this.backups = new Backups(this, 'Backups', {
      table: storage.table,
      lake: storage.lake,
      retentionDays: config.backupRetentionDays,
      alarmTopic: monitoring.topic,
      removalPolicy,
    });
    const secrets = new AppSecrets(this, 'Secrets', { removalPolicy });
    this.staffAuth = new StaffAuth(this, 'StaffAuth', {
      removalPolicy,
      deletionProtection: config.retainData,
    });
    const httpApi = new MiranteHttpApi(this, 'HttpApi', {
      allowedOrigins: config.allowedOrigins,
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
      staffAuth: this.staffAuth,
      logRetention: config.logRetentionDays,
      logRemovalPolicy: removalPolicy,
    });
    monitoring.watchHttpApi(httpApi.api);
    this.webAcl =
      config.waf.mode === 'create'
        ? new FeedbackWebAcl(this, 'WebAcl', { rateLimit: config.waf.rateLimit })
        : undefined;
    const functionDefaults: MiranteFunctionDefaults = {
      projectRoot: props.projectRoot,
      logRetention: config.logRetentionDays,
      logRemovalPolicy: removalPolicy,
      environment: {
        MIRANTE_STAGE: config.stage,
        MIRANTE_TIMEZONE: config.timezone,
        MIRANTE_CODE_VERSION: config.codeVersion,
        MIRANTE_BUCKET_SECONDS: String(config.bucketSeconds),
        MIRANTE_MIN_CELL_FLOOR: String(config.minCellFloor),
        MIRANTE_FEEDBACK_TTL_DAYS: String(config.feedbackTtlDays),
      },
    };
    // The header CloudFront proves itself with, derived from the one secret (ADR 0004).
    const originVerify = new OriginVerifyValue(this, 'OriginVerify', {
      defaults: functionDefaults,
      secret: secrets.secret,
      version: config.originVerifyVersion,
    });
    const edge = new PublicEdge(this, 'Edge', {
      httpApi: httpApi.api,
      customDomain: config.customDomain,
      webAclArn: config.waf.mode === 'existing' ? config.waf.webAclArn : this.webAcl?.arn,
      originVerifyValue: originVerify.value,
    });
    this.platform = {
      config,
      storage,
      secrets,
      originVerify,
      httpApi,
      edge,
      monitoring,
      functionDefaults,
    };

    // One function per privilege; each construct owns its grants, variables, routes, events
    // and metric alarms.
    this.api = new ApiFunction(this, 'Api', this.platform);
    this.feedback = new FeedbackFunction(this, 'Feedback', this.platform);
    this.export = new ExportFunction(this, 'Export', this.platform);
    this.compute = new ComputeFunction(this, 'Compute', this.platform);
    this.metrics = new MetricsFunction(this, 'Metrics', this.platform);

    // Analysts at scale: Athena over the same curated Parquet `mirante query` reads.
    this.analysts = new AnalystAccess(this, 'Analysts', {
      lake: storage.lake,
      namePrefix: this.stackName.toLowerCase(),
      accessLogs: storage.accessLogs,
      resultRetentionDays: ATHENA_RESULT_DAYS,
      bytesScannedCutoffPerQuery: config.athenaScanLimitMb * 1024 * 1024,
      removalPolicy,
    });
    this.lakeTables = new LakeGlueTables(this, 'LakeTables', {
      lake: storage.lake,
      database: this.analysts.database,
    });

    // Every function: errors and throttles; every dead-letter queue: depth.
    monitoring.watchEverything(this);

    const output = (name: string, value: string, description: string) =>
      new CfnOutput(this, name, { value, description });
    output(
      'PublicUrl',
      edge.url,
      'Public URL: CloudFront (or the custom domain) in front of the API',
    );
    output(
      'DistributionDomainName',
      edge.distribution.distributionDomainName,
      'CloudFront domain (point a custom domain here)',
    );
    output(
      'DistributionId',
      edge.distribution.distributionId,
      'CloudFront distribution (for invalidations)',
    );
    output('ApiUrl', httpApi.url, 'HTTP API (origin) base URL; use PublicUrl');
    output('LakeBucketName', storage.lake.bucketName, 'The lake (incoming/ for staff CSV uploads)');
    output('AccessLogsBucketName', storage.accessLogs.bucketName, 'S3 server access logs');
    output('TableName', storage.table.tableName, 'The DynamoDB table');
    output('UserPoolId', this.staffAuth.userPool.userPoolId, 'Staff user pool');
    output('UserPoolClientId', this.staffAuth.client.userPoolClientId, 'App client of staff tools');
    output('AlarmTopicArn', monitoring.topic.topicArn, 'SNS topic of alarms, budget and backups');
    output('BackupVaultName', this.backups.vault.backupVaultName, 'AWS Backup vault');
    output('GlueDatabaseName', this.analysts.database.ref, 'Glue database of the curated lake');
    output('AthenaWorkGroup', this.analysts.workGroup.ref, 'Athena workgroup for analysts');
    output(
      'AthenaResultsBucketName',
      this.analysts.resultsBucket.bucketName,
      'Athena query results',
    );
    output('AnalystRoleArn', this.analysts.role.roleArn, 'Read-only role analysts assume');
    output('AnalystPolicyArn', this.analysts.policy.managedPolicyArn, 'Read-only analyst policy');
  }
}

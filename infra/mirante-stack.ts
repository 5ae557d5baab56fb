import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ApiFunction } from './constructs/api-function.js';
import { AppSecrets } from './constructs/app-secrets.js';
import { ComputeFunction } from './constructs/compute-function.js';
import { ExportFunction } from './constructs/export-function.js';
import { FeedbackFunction } from './constructs/feedback-function.js';
import { MiranteHttpApi } from './constructs/mirante-http-api.js';
import type { MirantePlatform } from './constructs/mirante-platform.js';
import { StaffAuth } from './constructs/staff-auth.js';
import { Storage } from './constructs/storage.js';
import type { StageConfig } from './stage-config.js';

/** Properties of {@link MiranteStack}. */
export interface MiranteStackProps extends StackProps {
  readonly config: StageConfig;
  /** Folder holding package-lock.json, functions/ and queries/. */
  readonly projectRoot: string;
}

/** Days the lake's S3 server access logs are kept. */
const ACCESS_LOG_DAYS = 90;

/**
 * One Mirante deployment: storage, secrets, staff identity, the HTTP API and one function per
 * privilege (api, feedback, export, compute), each wiring itself to the platform. Environment
 * agnostic: no lookups, so `cdk synth` works offline without credentials.
 */
export class MiranteStack extends Stack {
  /** The shared resources the functions wire themselves to. */
  readonly platform: MirantePlatform;
  /** Staff user pool and the JWT authorizer. */
  readonly staffAuth: StaffAuth;
  /** The public read API function. */
  readonly api: ApiFunction;
  /** The feedback function. */
  readonly feedback: FeedbackFunction;
  /** The scheduled export function. */
  readonly export: ExportFunction;
  /** The scheduled compute function. */
  readonly compute: ComputeFunction;

  constructor(scope: Construct, id: string, props: MiranteStackProps) {
    super(scope, id, props);
    // S3 server access logs are delivered through a bucket policy, not the legacy ACL (this
    // way the log bucket can enforce bucket-owner object ownership). Set here, not in cdk.json,
    // so tests build the same stack.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const { config } = props;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const storage = new Storage(this, 'Storage', {
      retainData: config.retainData,
      noncurrentVersionDays: config.noncurrentVersionDays,
      rawInfrequentAccessDays: config.rawInfrequentAccessDays,
      accessLogDays: ACCESS_LOG_DAYS,
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
    this.platform = {
      storage,
      secrets,
      httpApi,
      functionDefaults: {
        projectRoot: props.projectRoot,
        logRetention: config.logRetentionDays,
        logRemovalPolicy: removalPolicy,
        environment: {
          MIRANTE_STAGE: config.stage,
          MIRANTE_TIMEZONE: config.timezone,
          MIRANTE_CODE_VERSION: config.codeVersion,
          MIRANTE_BUCKET_SECONDS: String(config.bucketSeconds),
          MIRANTE_MIN_CELL_FLOOR: String(config.minCellFloor),
        },
      },
    };

    // One function per privilege; each construct owns its grants, variables, routes, events.
    this.api = new ApiFunction(this, 'Api', this.platform);
    this.feedback = new FeedbackFunction(this, 'Feedback', this.platform);
    this.export = new ExportFunction(this, 'Export', this.platform);
    this.compute = new ComputeFunction(this, 'Compute', this.platform);
    // Staff ingest (issue #4) goes here: new MetricsFunction(this, 'Metrics', this.platform);

    new CfnOutput(this, 'ApiUrl', { value: httpApi.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'LakeBucketName', { value: storage.lake.bucketName });
    new CfnOutput(this, 'TableName', { value: storage.table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: this.staffAuth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.staffAuth.client.userPoolClientId });
  }
}

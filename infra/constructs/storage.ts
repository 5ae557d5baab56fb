import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { GSI1 } from '../../functions/shared/table-keys.js';
import { type LakeRetention, lakeLifecycleRules } from './lake-lifecycle.js';

/** Properties of {@link Storage}. */
export interface StorageProps {
  /** Retain the table and the lake on stack deletion and protect the table from deletion. */
  readonly retainData: boolean;
  /** How long each part of the lake keeps its objects. */
  readonly retention: LakeRetention;
  /** Days the S3 server access logs are kept. */
  readonly accessLogDays: number;
}

/**
 * Mirante's state: the single DynamoDB table (on demand, point-in-time recovery, encrypted,
 * string `pk`/`sk`, GSI `gsi1`, `ttl`) and the lake bucket (DESIGN.md, "Lake layout": private,
 * TLS only, versioned, encrypted, with lifecycle rules), with S3 server access logs in a bucket
 * of their own. In prod both are retained on stack deletion and the table is deletion-protected.
 */
export class Storage extends Construct {
  /** The table: feedback, counters, tombstones, watermarks, batches, manifests. */
  readonly table: Table;
  /** The lake bucket: incoming/, ingest-results/, raw/, curated/, published/. */
  readonly lake: Bucket;
  /** Receives the S3 server access logs (of the lake and of the Athena results bucket). */
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const removalPolicy = props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'ttl',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: props.retainData,
      removalPolicy,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI1,
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { id: 'expire-access-logs', expiration: Duration.days(props.accessLogDays) },
      ],
      removalPolicy,
    });

    const lifecycleRules = lakeLifecycleRules(props.retention);
    this.lake = new Bucket(this, 'Lake', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'lake/',
      lifecycleRules,
      removalPolicy,
    });
    // CloudFormation types ObjectSizeGreaterThan as a string; CDK writes a number.
    const cfnLake = this.lake.node.defaultChild as CfnBucket;
    lifecycleRules.forEach((rule, i) => {
      if (rule.objectSizeGreaterThan === undefined) return;
      cfnLake.addPropertyOverride(
        `LifecycleConfiguration.Rules.${i}.ObjectSizeGreaterThan`,
        String(rule.objectSizeGreaterThan),
      );
    });
  }
}

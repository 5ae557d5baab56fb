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
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { GSI1 } from '../../functions/shared/table-keys.js';

/** Lake prefix of raw (exported, not yet compacted) objects. */
const RAW_PREFIX = 'raw/';

/** Properties of {@link Storage}. */
export interface StorageProps {
  /** Retain the table and the lake on stack deletion and protect the table from deletion. */
  readonly retainData: boolean;
  /** Days a noncurrent (overwritten or deleted) lake object version is kept. */
  readonly noncurrentVersionDays: number;
  /** Days after which raw lake objects move to S3 Standard-IA. */
  readonly rawInfrequentAccessDays: number;
  /** Days the lake's server access logs are kept. */
  readonly accessLogDays: number;
}

/**
 * Mirante's state: the single DynamoDB table (string `pk`/`sk`, GSI `gsi1`, `ttl`) and the lake
 * bucket (DESIGN.md, "Lake layout"), with the lake's server access logs in a bucket of their own.
 */
export class Storage extends Construct {
  /** The table: feedback, counters, tombstones, watermarks, batches, manifests. */
  readonly table: Table;
  /** The lake bucket: incoming/, ingest-results/, raw/, curated/, published/. */
  readonly lake: Bucket;
  /** Receives the lake's S3 server access logs. */
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

    this.lake = new Bucket(this, 'Lake', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'lake/',
      lifecycleRules: [
        {
          // An erasure overwrites or deletes the current object; this bounds how long the
          // erased rating survives in older versions (docs: the erasure delay).
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays),
          expiredObjectDeleteMarker: true,
        },
        {
          id: 'abort-incomplete-uploads',
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        {
          id: 'raw-to-infrequent-access',
          prefix: RAW_PREFIX,
          transitions: [
            {
              storageClass: StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(props.rawInfrequentAccessDays),
            },
          ],
        },
      ],
      removalPolicy,
    });
  }
}

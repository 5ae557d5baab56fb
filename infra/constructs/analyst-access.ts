import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase } from 'aws-cdk-lib/aws-glue';
import {
  AccountRootPrincipal,
  type IPrincipal,
  ManagedPolicy,
  PolicyStatement,
  Role,
} from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Lake prefixes analysts may read: the curated datasets and the published indicators. */
export const ANALYST_LAKE_PREFIXES = ['curated/', 'published/'] as const;

/** Properties of {@link AnalystAccess}. */
export interface AnalystAccessProps {
  /** The lake bucket; analysts read only its curated/ and published/ prefixes. */
  readonly lake: IBucket;
  /** Name prefix of the workgroup and Glue database, e.g. `mirante-prod`. */
  readonly namePrefix: string;
  /**
   * Who may assume the analyst role. Default: this account's root, which lets the account's
   * administrators allow their analysts (or an identity-center permission set) to assume it.
   */
  readonly assumedBy?: IPrincipal;
  /** Bucket for the results bucket's S3 server access logs (recommended). */
  readonly accessLogs?: IBucket;
  /** Days Athena query results are kept (default 30). */
  readonly resultRetentionDays?: number;
  /** Largest scan of one Athena query, in bytes (default 10 GB); bounds the cost of a mistake. */
  readonly bytesScannedCutoffPerQuery?: number;
  /** What happens to the results bucket and workgroup when the stack is deleted (default RETAIN). */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Read-only access for the city's analysts (issue #7): a managed policy and a role that can read
 * the lake's curated datasets and published indicators — through `npx mirante query --lake
 * s3://…` or Athena — and nothing else of the lake (no raw feedback, no incoming uploads, no
 * older object versions, which may still hold erased ratings until they expire). Athena runs in
 * a dedicated workgroup whose settings analysts can't override: results encrypted in their own
 * bucket (expiring), CloudWatch metrics on, and a per-query scan cutoff. A Glue database is the
 * catalog the analysts' Athena tables live in; they can read it, not change it.
 */
export class AnalystAccess extends Construct {
  /** The read-only policy (attach it to other principals too, e.g. an SSO permission set). */
  readonly policy: ManagedPolicy;
  /** The role analysts assume. */
  readonly role: Role;
  /** Where the workgroup writes query results. */
  readonly resultsBucket: Bucket;
  readonly workGroup: CfnWorkGroup;
  /** Glue database for the analysts' Athena tables over curated/. */
  readonly database: CfnDatabase;

  constructor(scope: Construct, id: string, props: AnalystAccessProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const { lake } = props;

    this.resultsBucket = new Bucket(this, 'AthenaResults', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        { id: 'expire-results', expiration: Duration.days(props.resultRetentionDays ?? 30) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      ...(props.accessLogs
        ? { serverAccessLogsBucket: props.accessLogs, serverAccessLogsPrefix: 'athena-results/' }
        : {}),
      removalPolicy,
    });

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: `${props.namePrefix}-analysts`,
      description: 'Mirante analysts: read-only queries over the curated lake',
      state: 'ENABLED',
      recursiveDeleteOption: removalPolicy === RemovalPolicy.DESTROY,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        engineVersion: { selectedEngineVersion: 'AUTO' },
        resultConfiguration: {
          outputLocation: this.resultsBucket.s3UrlForObject('results/'),
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
    this.workGroup.applyRemovalPolicy(removalPolicy);

    const databaseName = `${props.namePrefix}_analysts`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
    this.database = new CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: {
        name: databaseName,
        description: 'Tables over the Mirante curated lake, for analysts (read-only)',
      },
    });

    const stack = Stack.of(this);
    const workGroupArn = stack.formatArn({
      service: 'athena',
      resource: 'workgroup',
      resourceName: this.workGroup.name,
    });
    const glue = (resource: string, resourceName?: string) =>
      stack.formatArn({ service: 'glue', resource, ...(resourceName ? { resourceName } : {}) });

    this.policy = new ManagedPolicy(this, 'ReadOnlyPolicy', {
      description:
        'Mirante analysts: read curated/ and published/ of the lake, query them with Athena in the analysts workgroup',
      statements: [
        new PolicyStatement({
          sid: 'ReadCuratedAndPublished',
          actions: ['s3:GetObject'],
          resources: ANALYST_LAKE_PREFIXES.map((p) => lake.arnForObjects(`${p}*`)),
        }),
        new PolicyStatement({
          sid: 'ListCuratedAndPublished',
          actions: ['s3:ListBucket'],
          resources: [lake.bucketArn],
          conditions: {
            StringLike: { 's3:prefix': ANALYST_LAKE_PREFIXES.flatMap((p) => [p, `${p}*`]) },
          },
        }),
        new PolicyStatement({
          sid: 'LocateBuckets',
          actions: ['s3:GetBucketLocation'],
          resources: [lake.bucketArn, this.resultsBucket.bucketArn],
        }),
        new PolicyStatement({
          sid: 'QueryInAnalystsWorkGroup',
          actions: [
            'athena:StartQueryExecution',
            'athena:StopQueryExecution',
            'athena:GetQueryExecution',
            'athena:BatchGetQueryExecution',
            'athena:GetQueryResults',
            'athena:GetQueryResultsStream',
            'athena:GetQueryRuntimeStatistics',
            'athena:ListQueryExecutions',
            'athena:GetWorkGroup',
          ],
          resources: [workGroupArn],
        }),
        new PolicyStatement({
          sid: 'ReadAnalystsCatalog',
          actions: [
            'glue:GetDatabase',
            'glue:GetTable',
            'glue:GetTables',
            'glue:GetPartition',
            'glue:GetPartitions',
            'glue:BatchGetPartition',
          ],
          resources: [
            glue('catalog'),
            glue('database', databaseName),
            glue('table', `${databaseName}/*`),
          ],
        }),
        new PolicyStatement({
          sid: 'WriteOwnQueryResults',
          actions: [
            's3:GetObject',
            's3:PutObject',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
          ],
          resources: [this.resultsBucket.arnForObjects('results/*')],
        }),
        new PolicyStatement({
          sid: 'ListOwnQueryResults',
          actions: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
          resources: [this.resultsBucket.bucketArn],
        }),
      ],
    });

    this.role = new Role(this, 'Role', {
      assumedBy: props.assumedBy ?? new AccountRootPrincipal(),
      description:
        'Mirante analysts: read-only access to the curated lake and the analysts Athena workgroup',
      maxSessionDuration: Duration.hours(4),
      managedPolicies: [this.policy],
    });

    this.acknowledgeWildcards(lake, databaseName);
    if (!props.accessLogs) {
      Validations.of(this.resultsBucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason:
          'No access-log bucket was given for the Athena results bucket: it holds only the analysts’ own short-lived query results, and every query is recorded by Athena and CloudTrail.',
      });
    }
  }

  private acknowledgeWildcards(lake: IBucket, databaseName: string): void {
    const stack = Stack.of(this);
    const logicalId = (bucket: IBucket) => {
      const cfn = bucket.node.defaultChild as CfnBucket | undefined;
      return cfn ? (stack.resolve(cfn.logicalId) as string) : undefined;
    };
    const lakeId = logicalId(lake);
    const resultsId = logicalId(this.resultsBucket);
    const findings = [
      ...(lakeId
        ? ANALYST_LAKE_PREFIXES.map((p) => ({
            id: `AwsSolutions-IAM5[Resource::<${lakeId}.Arn>/${p}*]`,
            reason: `Analysts read every object under the lake's ${p} prefix by design (curated datasets, published indicators); nothing outside these prefixes, and no older object versions.`,
          }))
        : []),
      {
        id: `AwsSolutions-IAM5[Resource::<${resultsId}.Arn>/results/*]`,
        reason:
          'Athena writes each query result under a generated key in the analysts’ own results prefix, with the caller’s credentials; the wildcard covers only that prefix.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/${databaseName}/*]`,
        reason:
          'Analysts read every table of their own Glue database (tables over curated/, added by the maintainers); no write action is granted.',
      },
    ];
    for (const finding of findings) Validations.of(this.policy).acknowledge(finding);
  }
}

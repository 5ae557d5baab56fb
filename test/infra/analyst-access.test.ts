import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ArnPrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { AnalystAccess, type AnalystAccessProps } from '../../infra/constructs/analyst-access.js';
import { logicalIdOf } from './build-mirante-stack.js';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

function build(props: Partial<AnalystAccessProps> = {}, extra?: (stack: Stack) => void) {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'AnalystTest');
  // As in MiranteStack: access logs are delivered through a bucket policy, not the legacy ACL.
  stack.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
  const accessLogs = new Bucket(stack, 'Logs', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: BucketEncryption.S3_MANAGED,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
  });
  Validations.of(accessLogs).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'Test fixture: this is the access-log bucket itself; logging it into itself would loop.',
  });
  const lake = new Bucket(stack, 'Lake', {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    encryption: BucketEncryption.S3_MANAGED,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: 'lake/',
  });
  const access = new AnalystAccess(stack, 'Analysts', {
    lake,
    namePrefix: 'mirante-test',
    accessLogs,
    ...props,
  });
  extra?.(stack);
  const template = Template.fromStack(stack);
  return { app, stack, lake, access, template };
}

function policyStatements(template: Template): Statement[] {
  const policies = template.findResources('AWS::IAM::ManagedPolicy');
  expect(Object.keys(policies)).toHaveLength(1);
  const policy = Object.values(policies)[0] as {
    Properties: { PolicyDocument: { Statement: Statement[] } };
  };
  return policy.Properties.PolicyDocument.Statement;
}

const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('AnalystAccess', () => {
  it('lets analysts read only curated/ and published/ of the lake, never write or read old versions', () => {
    const { template, lake } = build();
    const statements = policyStatements(template);
    const lakeId = logicalIdOf(lake);
    const onLake = statements.filter((s) => JSON.stringify(s.Resource).includes(lakeId));
    expect(onLake.length).toBeGreaterThan(0);
    for (const s of onLake) {
      expect(s.Effect).toBe('Allow');
      for (const a of actions(s))
        expect(['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation']).toContain(a);
    }
    const read = statements.find((s) => s.Sid === 'ReadCuratedAndPublished');
    expect(read?.Action).toBe('s3:GetObject');
    expect(JSON.stringify(read?.Resource)).toContain('/curated/*');
    expect(JSON.stringify(read?.Resource)).toContain('/published/*');
    expect(JSON.stringify(read?.Resource)).not.toMatch(/raw\/|incoming\//);
    const list = statements.find((s) => s.Sid === 'ListCuratedAndPublished');
    expect(list?.Condition).toEqual({
      StringLike: { 's3:prefix': ['curated/', 'curated/*', 'published/', 'published/*'] },
    });
    const all = statements.flatMap(actions);
    expect(all).not.toContain('s3:GetObjectVersion');
    expect(all.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    expect(all.filter((a) => /^(glue|athena):(Create|Update|Delete|Put)/.test(a))).toEqual([]);
    expect(all.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('lets Athena run only in the analysts workgroup, writing results to its own bucket', () => {
    const { template, access, stack } = build();
    const statements = policyStatements(template);
    const athena = statements.filter((s) => actions(s).some((a) => a.startsWith('athena:')));
    expect(athena).toHaveLength(1);
    expect(JSON.stringify(stack.resolve(athena[0]?.Resource))).toContain(
      'workgroup/mirante-test-analysts',
    );
    const results = statements.find((s) => s.Sid === 'WriteOwnQueryResults');
    const resultsId = logicalIdOf(access.resultsBucket);
    expect(JSON.stringify(results?.Resource)).toContain(resultsId);
    expect(JSON.stringify(results?.Resource)).toContain('/results/*');

    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'mirante-test-analysts',
      State: 'ENABLED',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: {
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
          OutputLocation: Match.anyValue(),
        },
      },
    });
    template.hasResourceProperties('AWS::Glue::Database', {
      DatabaseInput: { Name: 'mirante_test_analysts' },
    });
  });

  it('keeps results private, encrypted, logged and short-lived', () => {
    const { template, access } = build({ resultRetentionDays: 7 });
    const id = logicalIdOf(access.resultsBucket);
    const bucket = template.toJSON().Resources[id];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption).toBeDefined();
    expect(bucket.Properties.LoggingConfiguration.LogFilePrefix).toBe('athena-results/');
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Id: 'expire-results', ExpirationInDays: 7, Status: 'Enabled' }),
    );
  });

  it('gives a role with the policy, assumable by the account or a given principal', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::IAM::Role', {
      MaxSessionDuration: 4 * 3600,
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('AnalystsReadOnlyPolicy') }],
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { AWS: { 'Fn::Join': ['', Match.arrayWith([':iam::', ':root'])] } },
          }),
        ],
      },
    });
    const custom = build({
      assumedBy: new ArnPrincipal('arn:aws:iam::123456789012:role/city-analysts'),
    });
    custom.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { AWS: 'arn:aws:iam::123456789012:role/city-analysts' } }),
        ],
      },
    });
  });

  it('passes the cdk-nag AwsSolutions rules with specific acknowledgements only', () => {
    for (const props of [{}, { accessLogs: undefined, removalPolicy: RemovalPolicy.DESTROY }]) {
      const { app } = build(props);
      const assembly = app.synth();
      const report = JSON.parse(
        readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
      ) as {
        pluginReports: { violations: { ruleName: string }[] }[];
      };
      expect(report.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName))).toEqual([]);
    }
    // The rules do run in this app: an unacknowledged finding fails the synth.
    expect(() => build({}, (stack) => new Bucket(stack, 'PlainBucket'))).toThrow(/AwsSolutions-S/);
  });
});

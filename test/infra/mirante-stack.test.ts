import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SWAGGER_UI_FILES } from '../../functions/api/docs/swagger-ui-assets.js';
import { COMPUTE_NODE_OPTIONS } from '../../functions/compute/compute-node-options.js';
import { API_LAZY_MODULES, API_ROUTES } from '../../infra/constructs/api-function.js';
import { DUCKDB_PACKAGE } from '../../infra/constructs/compute-function.js';
import {
  FEEDBACK_PUBLIC_ROUTES,
  FEEDBACK_STAFF_ROUTES,
} from '../../infra/constructs/feedback-function.js';
import { METRICS_STAFF_ROUTES } from '../../infra/constructs/metrics-function.js';
import {
  lazyModuleCommands,
  type MiranteFunction,
  ZOD_ALIAS,
} from '../../infra/constructs/mirante-function.js';
import { ACCESS_LOG_FIELDS } from '../../infra/constructs/mirante-http-api.js';
import type { MiranteStack } from '../../infra/mirante-stack.js';
import { buildMiranteStack, logicalIdOf, TEST_CODE_VERSION } from './build-mirante-stack.js';
import type { TemplateJson } from './iam-statements.js';

const PORTAL_ORIGIN = 'https://transparencia.pbh.gov.br';

let dev: { stack: MiranteStack; template: Template; json: TemplateJson };
let prod: { stack: MiranteStack; template: Template; json: TemplateJson };

function synth(stage: 'dev' | 'prod', context: Record<string, unknown> = {}) {
  const { stack } = buildMiranteStack(stage, context);
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as TemplateJson };
}

beforeAll(() => {
  dev = synth('dev');
  prod = synth('prod', {
    allowedOrigins: PORTAL_ORIGIN,
    logRetentionDays: '365',
    trustedNetworks: '200.10.20.0/24,2001:db8::/48',
    minCellFloor: '15',
    noncurrentVersionDays: '14',
    rawFeedbackExpireDays: '10',
    tombstoneExpireDays: '90',
  });
});

interface LifecycleRule {
  readonly Id: string;
  readonly Status: string;
  readonly Prefix?: string;
  readonly ExpirationInDays?: number;
  readonly NoncurrentVersionExpiration?: unknown;
  readonly Transitions?: unknown;
}

function lifecycleRules(s: typeof dev, bucket: IConstruct): LifecycleRule[] {
  const props = s.json.Resources[logicalIdOf(bucket)]?.Properties ?? {};
  return (props.LifecycleConfiguration as { Rules: LifecycleRule[] }).Rules;
}

const functionsOf = (s: MiranteStack): Record<string, MiranteFunction> => ({
  api: s.api,
  feedback: s.feedback,
  export: s.export,
  compute: s.compute,
  metrics: s.metrics,
});

/** The properties of AWS::Lambda::Function these tests read. */
interface LambdaProperties {
  readonly Runtime: string;
  readonly Architectures: string[];
  readonly MemorySize: number;
  readonly Timeout: number;
  readonly EphemeralStorage?: { Size: number };
  readonly Environment: { Variables: Record<string, unknown> };
  readonly LoggingConfig: unknown;
}

function functionProps(t: TemplateJson, fn: MiranteFunction): LambdaProperties {
  const resource = t.Resources[logicalIdOf(fn.function)];
  expect(resource?.Type).toBe('AWS::Lambda::Function');
  return resource?.Properties as unknown as LambdaProperties;
}

describe('storage', () => {
  it('has one on-demand table with pk/sk strings, gsi1 (ALL), ttl, PITR and encryption', () => {
    dev.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gsi1pk', AttributeType: 'S' },
        { AttributeName: 'gsi1sk', AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('retains and protects the table and the lake in prod only', () => {
    prod.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    dev.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
    const lake = (s: typeof dev) => s.json.Resources[logicalIdOf(s.stack.platform.storage.lake)];
    expect(lake(prod)?.DeletionPolicy).toBe('Retain');
    expect(lake(dev)?.DeletionPolicy).toBe('Delete');
  });

  it('keeps the lake private, versioned, encrypted, logged and expiring old versions', () => {
    const logsId = logicalIdOf(dev.stack.platform.storage.accessLogs);
    dev.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logsId } },
      LifecycleConfiguration: Match.anyValue(),
    });
    const rules = lifecycleRules(dev, dev.stack.platform.storage.lake);
    expect(rules.map((r) => r.Id).sort()).toEqual([
      'abort-incomplete-uploads',
      'expire-applied-tombstones',
      'expire-compacted-feedback-exports',
      'expire-noncurrent-versions',
      'metric-batches-to-infrequent-access',
      'published-versions-to-glacier-ir',
    ]);
    for (const r of rules) expect(r.Status, r.Id).toBe('Enabled');
  });

  it('expires old versions, compacted exports and applied tombstones after the configured days', () => {
    const byId = (s: typeof dev) =>
      new Map(lifecycleRules(s, s.stack.platform.storage.lake).map((r) => [r.Id, r]));
    const rules = byId(dev);
    expect(rules.get('expire-noncurrent-versions')).toMatchObject({
      NoncurrentVersionExpiration: { NoncurrentDays: 30 },
      ExpiredObjectDeleteMarker: true,
    });
    expect(rules.get('expire-noncurrent-versions')?.Prefix).toBeUndefined();
    expect(rules.get('expire-compacted-feedback-exports')).toMatchObject({
      Prefix: 'raw/feedback/',
      ExpirationInDays: 30,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
    });
    expect(rules.get('expire-applied-tombstones')).toMatchObject({
      Prefix: 'raw/tombstones/',
      ExpirationInDays: 60,
    });
    // Metric batches are the history of the programme figures: they never expire.
    expect(rules.get('metric-batches-to-infrequent-access')).toEqual({
      Id: 'metric-batches-to-infrequent-access',
      Prefix: 'raw/metrics/',
      Status: 'Enabled',
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
    });
    // Published versions stay available: large ones move to an instant-retrieval class.
    expect(rules.get('published-versions-to-glacier-ir')).toEqual({
      Id: 'published-versions-to-glacier-ir',
      Prefix: 'published/indicators/',
      ObjectSizeGreaterThan: '131072',
      Status: 'Enabled',
      Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 30 }],
    });
    for (const r of rules.values()) {
      for (const prefix of ['curated/', 'published/', 'raw/metrics/']) {
        const covers = r.Prefix === undefined || prefix.startsWith(r.Prefix);
        if (covers) expect(r.ExpirationInDays, `${r.Id} on ${prefix}`).toBeUndefined();
      }
    }
    const custom = byId(prod);
    expect(custom.get('expire-noncurrent-versions')?.NoncurrentVersionExpiration).toEqual({
      NoncurrentDays: 14,
    });
    expect(custom.get('expire-compacted-feedback-exports')?.ExpirationInDays).toBe(10);
    expect(custom.get('expire-applied-tombstones')?.ExpirationInDays).toBe(90);
  });

  it('denies every request to either bucket that is not over TLS', () => {
    for (const bucket of [dev.stack.platform.storage.lake, dev.stack.platform.storage.accessLogs]) {
      dev.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalIdOf(bucket) },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });
});

describe('functions', () => {
  it('are five Node.js 22 functions; only compute is x86_64', () => {
    // Two more run at deployment time only: CDK's bucket-notification custom resource and the
    // origin-verify custom resource (a Mirante function too, Node.js 22 on arm64).
    dev.template.resourceCountIs('AWS::Lambda::Function', 7);
    const provider = functionProps(dev.json, dev.stack.platform.originVerify.provider);
    expect([provider.Runtime, provider.Architectures]).toEqual(['nodejs22.x', ['arm64']]);
    for (const [name, fn] of Object.entries(functionsOf(dev.stack))) {
      const props = functionProps(dev.json, fn);
      expect(props.Runtime, name).toBe('nodejs22.x');
      expect(props.Architectures, name).toEqual([name === 'compute' ? 'x86_64' : 'arm64']);
    }
  });

  it('size compute for DuckDB and the others for requests', () => {
    const compute = functionProps(dev.json, dev.stack.compute);
    expect(compute).toMatchObject({
      MemorySize: 3008,
      EphemeralStorage: { Size: 4096 },
      Timeout: 900,
      Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: COMPUTE_NODE_OPTIONS }) },
    });
    expect(functionProps(dev.json, dev.stack.api)).toMatchObject({ MemorySize: 1024 });
    for (const fn of [dev.stack.api, dev.stack.feedback]) {
      expect(functionProps(dev.json, fn).Timeout).toBeLessThanOrEqual(30);
    }
  });

  it('bundle as ESM with a require banner; only compute installs DuckDB', () => {
    for (const [name, fn] of Object.entries(functionsOf(dev.stack))) {
      expect(fn.bundling.format, name).toBe('esm');
      expect(fn.bundling.mainFields, name).toEqual(['module', 'main']);
      expect(fn.bundling.esbuildArgs, name).toEqual({ '--alias': `zod=./${ZOD_ALIAS}` });
      expect(fn.bundling.banner, name).toContain('createRequire(import.meta.url)');
      if (name === 'compute') expect(fn.bundling.nodeModules).toEqual([DUCKDB_PACKAGE]);
      else expect(fn.bundling.nodeModules ?? [], name).not.toContain(DUCKDB_PACKAGE);
    }
  });

  it('bundle the chart renderer apart from the api bundle, loaded on the first chart', () => {
    expect(dev.stack.api.bundling.externalModules).toEqual(['*/render-chart-svg.js']);
    const commands = lazyModuleCommands('/src', '/out', API_LAZY_MODULES);
    expect(commands[0]).toBe(`echo '{"type":"module"}' > "/out/package.json"`);
    expect(commands[1]).toContain('"/src/functions/portal/render-chart-svg.ts" --bundle');
    expect(commands[1]).toContain('--outfile="/out/render-chart-svg.js"');
    for (const fn of [dev.stack.feedback, dev.stack.compute]) {
      expect(fn.bundling.externalModules, fn.node.id).toEqual([]);
    }
  });

  it('copy queries/ into compute, api and feedback, and the Swagger UI files into api', () => {
    const copies = (fn: MiranteFunction) =>
      fn.bundling.commandHooks?.afterBundling('/src', '/out') ?? [];
    expect(copies(dev.stack.compute)).toEqual(['cp -r "/src/queries" "/out/queries"']);
    const ui = '/src/node_modules/swagger-ui-dist';
    expect(copies(dev.stack.api)).toEqual([
      'cp -r "/src/queries" "/out/queries"',
      'mkdir -p "/out/node_modules/swagger-ui-dist"',
      `cp "${ui}/package.json" "/out/node_modules/swagger-ui-dist/package.json"`,
      ...Object.keys(SWAGGER_UI_FILES).map(
        (f) => `cp "${ui}/${f}" "/out/node_modules/swagger-ui-dist/${f}"`,
      ),
      ...lazyModuleCommands('/src', '/out', API_LAZY_MODULES),
    ]);
    expect(copies(dev.stack.feedback)).toEqual(['cp -r "/src/queries" "/out/queries"']);
    for (const fn of [dev.stack.export, dev.stack.metrics]) {
      expect(copies(fn), fn.node.id).toEqual([]);
    }
  });

  it('receive the configuration and the names of what they were granted', () => {
    const tableRef = { Ref: logicalIdOf(dev.stack.platform.storage.table) };
    const lakeRef = { Ref: logicalIdOf(dev.stack.platform.storage.lake) };
    const secretRef = { Ref: logicalIdOf(dev.stack.platform.secrets.secret) };
    for (const [name, fn] of Object.entries(functionsOf(dev.stack))) {
      const env = functionProps(dev.json, fn).Environment.Variables;
      expect(env, name).toMatchObject({
        MIRANTE_TABLE: tableRef,
        MIRANTE_LAKE_BUCKET: lakeRef,
        MIRANTE_TIMEZONE: 'America/Sao_Paulo',
        MIRANTE_STAGE: 'dev',
        MIRANTE_CODE_VERSION: TEST_CODE_VERSION,
        MIRANTE_BUCKET_SECONDS: '300',
        MIRANTE_MIN_CELL_FLOOR: '10',
        MIRANTE_FEEDBACK_TTL_DAYS: '90',
      });
      if (name === 'feedback') {
        expect(env).toMatchObject({
          MIRANTE_SECRETS_ARN: secretRef,
          MIRANTE_ORIGIN_VERIFY_VERSION: '1',
          MIRANTE_STAFF_GROUP: 'staff',
        });
      } else {
        expect(env.MIRANTE_SECRETS_ARN, name).toBeUndefined();
        expect(env.MIRANTE_ORIGIN_VERIFY_VERSION, name).toBeUndefined();
      }
    }
    const prodEnv = functionProps(prod.json, prod.stack.api).Environment.Variables;
    expect(prodEnv).toMatchObject({
      MIRANTE_STAGE: 'prod',
      MIRANTE_MIN_CELL_FLOOR: '15',
      MIRANTE_CORS_ORIGINS: PORTAL_ORIGIN,
    });
    expect(functionProps(prod.json, prod.stack.feedback).Environment.Variables).toMatchObject({
      MIRANTE_TRUSTED_NETWORKS: '200.10.20.0/24,2001:db8::/48',
    });
    expect(functionProps(dev.json, dev.stack.metrics).Environment.Variables).toMatchObject({
      MIRANTE_STAFF_GROUP: 'staff',
    });
  });

  it('give the api function the public (CloudFront) URL for its absolute links', () => {
    const env = functionProps(dev.json, dev.stack.api).Environment.Variables;
    expect(env.MIRANTE_PUBLIC_URL).toEqual({
      'Fn::Join': [
        '',
        [
          'https://',
          { 'Fn::GetAtt': [logicalIdOf(dev.stack.platform.edge.distribution), 'DomainName'] },
        ],
      ],
    });
  });

  it('log to their own log group, and every log group has a retention', () => {
    for (const s of [dev, prod]) {
      for (const fn of Object.values(functionsOf(s.stack))) {
        expect(functionProps(s.json, fn).LoggingConfig).toEqual({
          LogGroup: { Ref: logicalIdOf(fn.logGroup) },
        });
      }
      const resources = Object.entries(s.json.Resources);
      const groups = resources.filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');
      const days = s === prod ? 365 : 30;
      for (const [, g] of groups) expect(g.Properties?.RetentionInDays).toBe(days);
      // Every Lambda function writes to a log group of this stack: its own (LoggingConfig) or,
      // for CDK's custom-resource function, the one named after it, created before it runs.
      const groupIds = new Set(groups.map(([id]) => id));
      for (const [id, r] of resources) {
        if (r.Type !== 'AWS::Lambda::Function') continue;
        const own = (r.Properties?.LoggingConfig as { LogGroup?: { Ref: string } } | undefined)
          ?.LogGroup?.Ref;
        const named = groups.find(([, g]) =>
          JSON.stringify(g.Properties?.LogGroupName ?? '').includes(`{"Ref":"${id}"}`),
        );
        expect(own ? groupIds.has(own) : named !== undefined, id).toBe(true);
      }
      // One per Mirante function (the origin-verify custom resource's included), plus the HTTP
      // API's access logs.
      expect(groups.length).toBe(8);
    }
  });
});

/** The properties of AWS::ApiGatewayV2::Route these tests read. */
interface RouteProperties {
  readonly RouteKey: string;
  readonly AuthorizationType: string;
  readonly Target: { 'Fn::Join': [string, [string, { Ref: string }]] };
}

describe('HTTP API', () => {
  function routeTable(s: typeof dev): Map<string, { fn: string; auth: string }> {
    const r = s.json.Resources;
    const integrationTarget = (id: string) => {
      const uri = r[id]?.Properties?.IntegrationUri as { 'Fn::GetAtt': string[] };
      return uri['Fn::GetAtt'][0]!;
    };
    const routes = new Map<string, { fn: string; auth: string }>();
    for (const res of Object.values(r)) {
      if (res.Type !== 'AWS::ApiGatewayV2::Route') continue;
      const p = res.Properties as unknown as RouteProperties;
      const [, [, integration]] = p.Target['Fn::Join'];
      routes.set(p.RouteKey, { fn: integrationTarget(integration.Ref), auth: p.AuthorizationType });
    }
    return routes;
  }

  it('routes reads to api, ratings to feedback, metrics to metrics; staff routes need a JWT', () => {
    const apiId = logicalIdOf(dev.stack.api.function);
    const feedbackId = logicalIdOf(dev.stack.feedback.function);
    const metricsId = logicalIdOf(dev.stack.metrics.function);
    const expected = new Map<string, { fn: string; auth: string }>();
    for (const r of API_ROUTES) expected.set(`${r.method} ${r.path}`, { fn: apiId, auth: 'NONE' });
    for (const r of FEEDBACK_PUBLIC_ROUTES) {
      expected.set(`${r.method} ${r.path}`, { fn: feedbackId, auth: 'NONE' });
    }
    for (const r of FEEDBACK_STAFF_ROUTES) {
      expected.set(`${r.method} ${r.path}`, { fn: feedbackId, auth: 'JWT' });
    }
    for (const r of METRICS_STAFF_ROUTES) {
      expected.set(`${r.method} ${r.path}`, { fn: metricsId, auth: 'JWT' });
    }
    expect(routeTable(dev)).toEqual(expected);
    expect(expected.get('POST /v1/metrics/{dataset}')).toEqual({ fn: metricsId, auth: 'JWT' });
    expect(expected.get('DELETE /v1/metrics/{dataset}/batches/{batchId}')?.auth).toBe('JWT');
    expect(expected.get('GET /v1/indicators/{proxy+}')?.fn).toBe(apiId);
    expect(expected.get('POST /v1/feedback/batch')).toEqual({ fn: feedbackId, auth: 'JWT' });
  });

  it('validates staff tokens with a JWT authorizer backed by the Cognito user pool', () => {
    const poolId = logicalIdOf(dev.stack.staffAuth.userPool);
    const clientId = logicalIdOf(dev.stack.staffAuth.client);
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: Match.anyValue(),
      },
    });
    const authorizer = Object.values(dev.json.Resources).find(
      (r) => r.Type === 'AWS::ApiGatewayV2::Authorizer',
    );
    expect(JSON.stringify(authorizer?.Properties?.JwtConfiguration)).toContain(
      `{"Ref":"${poolId}"}`,
    );
    const staffRoute = Object.values(dev.json.Resources).find(
      (r) =>
        r.Type === 'AWS::ApiGatewayV2::Route' &&
        r.Properties?.RouteKey === 'POST /v1/feedback/batch',
    );
    expect(staffRoute?.Properties?.AuthorizerId).toBeDefined();
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: 'staff',
      UserPoolId: { Ref: poolId },
    });
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
  });

  it('has a throttled $default stage whose access logs carry no client address', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
    const stage = Object.values(dev.json.Resources).find(
      (r) => r.Type === 'AWS::ApiGatewayV2::Stage',
    );
    const settings = stage?.Properties?.AccessLogSettings as { Format: string } | undefined;
    const format = settings?.Format ?? '';
    expect(JSON.parse(format)).toEqual(ACCESS_LOG_FIELDS);
    expect(format).toContain('$context.requestId');
    expect(format).not.toMatch(/sourceIp|userAgent|X-Forwarded-For/i);
  });

  it('allows the configured origins', () => {
    prod.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: [PORTAL_ORIGIN] }),
    });
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['*'] }),
    });
  });
});

describe('schedules', () => {
  it('run export every 5 minutes and compute every 15, each with a dead-letter queue', () => {
    const cases = [
      { fn: dev.stack.export, rate: 'rate(5 minutes)' },
      { fn: dev.stack.compute, rate: 'rate(15 minutes)' },
    ];
    const schedules = Object.values(dev.json.Resources).filter(
      (r) => r.Type === 'AWS::Events::Rule' && r.Properties?.ScheduleExpression,
    );
    expect(schedules).toHaveLength(2);
    for (const { fn, rate } of cases) {
      const queueArn = { 'Fn::GetAtt': [logicalIdOf(fn.schedule.deadLetters), 'Arn'] };
      dev.template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: rate,
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [logicalIdOf(fn.function), 'Arn'] },
            DeadLetterConfig: { Arn: queueArn },
            RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
          }),
        ],
      });
      dev.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalIdOf(fn.function) },
        DestinationConfig: { OnFailure: { Destination: queueArn } },
      });
    }
  });
});

describe('staff uploads under incoming/', () => {
  it('invoke the metrics function for objects created under incoming/ only', () => {
    const [notifications] = Object.values(dev.json.Resources).filter(
      (r) => r.Type === 'Custom::S3BucketNotifications',
    );
    expect(notifications?.Properties?.BucketName).toEqual({
      Ref: logicalIdOf(dev.stack.platform.storage.lake),
    });
    expect(notifications?.Properties?.NotificationConfiguration).toEqual({
      LambdaFunctionConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
          LambdaFunctionArn: { 'Fn::GetAtt': [logicalIdOf(dev.stack.metrics.function), 'Arn'] },
        },
      ],
    });
    dev.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 's3.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(dev.stack.metrics.function), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [logicalIdOf(dev.stack.platform.storage.lake), 'Arn'] },
    });
  });

  it('retry a failed upload twice, then record it in a dead-letter queue', () => {
    dev.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(dev.stack.metrics.function) },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [logicalIdOf(dev.stack.metrics.deadLetters), 'Arn'] },
        },
      },
    });
  });
});

describe('outputs', () => {
  it('name the URLs, the buckets, the table, the user pool and the operations resources', () => {
    const outputs = dev.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining([
        'PublicUrl',
        'ApiUrl',
        'DistributionId',
        'LakeBucketName',
        'TableName',
        'UserPoolId',
        'UserPoolClientId',
        'AlarmTopicArn',
        'BackupVaultName',
        'GlueDatabaseName',
        'AthenaWorkGroup',
        'AthenaResultsBucketName',
      ]),
    );
    expect(outputs.TableName?.Value).toEqual({
      Ref: logicalIdOf(dev.stack.platform.storage.table),
    });
  });
});

describe('secrets', () => {
  it('one generated secret holds the receipt key (the IP salt and the origin-verify value derive from it)', () => {
    const { stack } = buildMiranteStack('dev');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { GenerateStringKey: 'receiptKey', SecretStringTemplate: '{}' },
    });
  });
});

describe('compute concurrency', () => {
  it('runs one compute at a time (each run rewrites the compaction state)', () => {
    const { stack } = buildMiranteStack('dev');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('compute'),
      ReservedConcurrentExecutions: 1,
    });
  });
});

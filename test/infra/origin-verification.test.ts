import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../functions/feedback/origin-verify.js';
import {
  ORIGIN_VERIFY_RESOURCE_TYPE,
  ORIGIN_VERIFY_VALUE_ATTRIBUTE,
} from '../../functions/origin-verify-resource/answer-origin-verify-request.js';
import { ORIGIN_VERIFY_VERSION_ENV } from '../../infra/constructs/origin-verify-value.js';
import type { MiranteStack } from '../../infra/mirante-stack.js';
import { parseStageConfig, StageConfigError } from '../../infra/stage-config.js';
import { buildMiranteStack, logicalIdOf, TEST_CODE_VERSION } from './build-mirante-stack.js';
import {
  actionsOf,
  resourcesOf,
  statementsOfRole,
  type TemplateJson,
  type TemplateResource,
} from './iam-statements.js';

interface Built {
  readonly stack: MiranteStack;
  readonly template: Template;
  readonly json: TemplateJson & {
    Resources: Record<string, TemplateResource & { DependsOn?: string[] }>;
  };
}

let dev: Built;
/** prod with every optional edge feature and a rotated origin-verify version. */
let rotated: Built;

function build(stage: 'dev' | 'prod', context: Record<string, unknown> = {}): Built {
  const { stack } = buildMiranteStack(stage, context);
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as Built['json'] };
}

beforeAll(() => {
  dev = build('dev');
  rotated = build('prod', { waf: 'true', originVerifyVersion: '7' });
});

/** The custom resource's attribute CloudFormation resolves to the derived value. */
const derivedValue = (b: Built) => ({
  'Fn::GetAtt': [
    logicalIdOf(b.stack.platform.originVerify.resource),
    ORIGIN_VERIFY_VALUE_ATTRIBUTE,
  ],
});

/** The environment variables of a function in the template. */
function envOf(b: Built, fnId: string): Record<string, unknown> {
  const env = b.json.Resources[fnId]?.Properties?.Environment as
    | { Variables: Record<string, unknown> }
    | undefined;
  if (!env) throw new Error(`${fnId} has no environment`);
  return env.Variables;
}

interface Origin {
  readonly Id: string;
  readonly OriginCustomHeaders?: Array<{ HeaderName: string; HeaderValue: unknown }>;
}

const originsOf = (b: Built): Origin[] => {
  const id = logicalIdOf(b.stack.platform.edge.distribution);
  const config = b.json.Resources[id]?.Properties?.DistributionConfig as { Origins: Origin[] };
  return config.Origins;
};

describe('the stack', () => {
  it('has exactly one secret again: the origin-verify value has none of its own', () => {
    for (const b of [dev, rotated]) {
      b.template.resourceCountIs('AWS::SecretsManager::Secret', 1);
      b.template.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: Match.objectLike({ GenerateStringKey: 'receiptKey' }),
      });
    }
  });
});

describe('the origin-verify custom resource', () => {
  it('exists once, with the stage version (default 1) and a short timeout', () => {
    dev.template.resourceCountIs(ORIGIN_VERIFY_RESOURCE_TYPE, 1);
    dev.template.hasResourceProperties(ORIGIN_VERIFY_RESOURCE_TYPE, {
      ServiceToken: {
        'Fn::GetAtt': [logicalIdOf(dev.stack.platform.originVerify.provider.function), 'Arn'],
      },
      Version: '1',
      ServiceTimeout: '300',
    });
    rotated.template.hasResourceProperties(ORIGIN_VERIFY_RESOURCE_TYPE, { Version: '7' });
  });

  it('holds no value in the template: only the version goes in', () => {
    const resource = dev.json.Resources[logicalIdOf(dev.stack.platform.originVerify.resource)];
    expect(Object.keys(resource?.Properties ?? {}).sort()).toEqual([
      'ServiceTimeout',
      'ServiceToken',
      'Version',
    ]);
  });

  it('runs a function that may read the root secret and nothing else', () => {
    const provider = dev.stack.platform.originVerify.provider;
    const secretId = logicalIdOf(dev.stack.platform.secrets.secret);
    const logGroup = `<${logicalIdOf(provider.logGroup)}.Arn>`;
    const { statements, managedPolicyArns } = statementsOfRole(
      dev.json,
      logicalIdOf(provider.role),
    );
    expect(managedPolicyArns).toEqual([]);
    const allowed = statements.filter((s) => s.Effect === 'Allow');
    expect(allowed.length).toBeGreaterThan(0);
    for (const s of allowed) {
      const actions = actionsOf(s);
      if (actions.every((a) => a.startsWith('logs:'))) {
        // Its own log group only.
        for (const r of resourcesOf(s)) expect(r.startsWith(logGroup), r).toBe(true);
        continue;
      }
      expect(actions.sort()).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
      expect(resourcesOf(s)).toEqual([`<${secretId}>`]);
    }
    const env = envOf(dev, logicalIdOf(provider.function));
    expect(env.MIRANTE_SECRETS_ARN).toEqual({ Ref: secretId });
    expect(env.MIRANTE_TABLE).toBeUndefined();
    expect(env.MIRANTE_LAKE_BUCKET).toBeUndefined();
  });

  it('has no error alarm (it runs only in deployments, whose failure reports it)', () => {
    const providerRef = { Ref: logicalIdOf(dev.stack.platform.originVerify.provider.function) };
    const alarms = Object.values(dev.json.Resources).filter(
      (r) => r.Type === 'AWS::CloudWatch::Alarm',
    );
    expect(alarms.length).toBeGreaterThan(0);
    expect(JSON.stringify(alarms)).not.toContain(JSON.stringify(providerRef));
  });
});

describe('the distribution', () => {
  it('sends the derived value to the API origin: a GetAtt of the custom resource', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [
          Match.objectLike({
            OriginCustomHeaders: [
              { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: derivedValue(dev) },
            ],
          }),
        ],
      }),
    });
    // Every origin (there is one: the HTTP API) carries it, on every behaviour.
    for (const b of [dev, rotated]) {
      expect(originsOf(b).length).toBeGreaterThan(0);
      for (const origin of originsOf(b)) {
        expect(origin.OriginCustomHeaders, origin.Id).toEqual([
          { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: derivedValue(b) },
        ]);
      }
    }
  });

  it('never lets a viewer supply the header: no policy forwards it from the viewer', () => {
    for (const b of [dev, rotated]) {
      const policies = JSON.stringify(
        Object.values(b.json.Resources).filter(
          (r) =>
            r.Type === 'AWS::CloudFront::OriginRequestPolicy' ||
            r.Type === 'AWS::CloudFront::CachePolicy',
        ),
      );
      expect(policies).toContain('CloudFront-Viewer-Address');
      expect(policies.toLowerCase()).not.toContain(ORIGIN_VERIFY_HEADER.toLowerCase());
      expect(policies).not.toContain('allViewer');
    }
  });

  it('is deployed after the feedback function (which accepts a new version before it is sent)', () => {
    for (const b of [dev, rotated]) {
      const distribution = b.json.Resources[logicalIdOf(b.stack.platform.edge.distribution)];
      expect(distribution?.DependsOn).toContain(logicalIdOf(b.stack.feedback.function));
      // And not the other way round (that would be a cycle, or the old order).
      const feedback = b.json.Resources[logicalIdOf(b.stack.feedback.function)];
      expect(feedback?.DependsOn ?? []).not.toContain(
        logicalIdOf(b.stack.platform.edge.distribution),
      );
    }
  });
});

describe('the feedback function', () => {
  it('gets the version to accept (and the one before), and no other origin-verify setting', () => {
    expect(envOf(dev, logicalIdOf(dev.stack.feedback.function))).toMatchObject({
      [ORIGIN_VERIFY_VERSION_ENV]: '1',
    });
    const rotatedEnv = envOf(rotated, logicalIdOf(rotated.stack.feedback.function));
    expect(rotatedEnv[ORIGIN_VERIFY_VERSION_ENV]).toBe('7');
    expect(Object.keys(rotatedEnv).filter((k) => k.includes('ORIGIN_VERIFY'))).toEqual([
      ORIGIN_VERIFY_VERSION_ENV,
    ]);
    for (const fn of [dev.stack.api, dev.stack.export, dev.stack.compute, dev.stack.metrics]) {
      expect(envOf(dev, logicalIdOf(fn.function))[ORIGIN_VERIFY_VERSION_ENV], fn.node.id).toBe(
        undefined,
      );
    }
  });
});

describe('-c originVerifyVersion', () => {
  const base = { stage: 'dev', codeVersion: TEST_CODE_VERSION };
  it('defaults to 1 and takes a whole number (as -c passes it: a string)', () => {
    expect(parseStageConfig(base).originVerifyVersion).toBe(1);
    expect(parseStageConfig({ ...base, originVerifyVersion: '2' }).originVerifyVersion).toBe(2);
    expect(parseStageConfig({ ...base, originVerifyVersion: 41 }).originVerifyVersion).toBe(41);
  });
  it('refuses anything else, naming the key', () => {
    for (const bad of [
      '0',
      '-1',
      '1.5',
      'abc',
      '0a1b2c3d-aaaa-bbbb-cccc-0123456789ab',
      '1000000',
    ]) {
      expect(() => parseStageConfig({ ...base, originVerifyVersion: bad }), bad).toThrow(
        StageConfigError,
      );
      expect(() => parseStageConfig({ ...base, originVerifyVersion: bad }), bad).toThrow(
        /originVerifyVersion/,
      );
    }
  });
});

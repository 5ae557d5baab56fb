import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../functions/feedback/origin-verify.js';
import type { MiranteStack } from '../../infra/mirante-stack.js';
import { parseStageConfig, StageConfigError } from '../../infra/stage-config.js';
import { buildMiranteStack, logicalIdOf, TEST_CODE_VERSION } from './build-mirante-stack.js';
import { resourcesOf, statementsOfRole, type TemplateJson } from './iam-statements.js';

/** A Secrets Manager version id, as `put-secret-value` prints it. */
const VERSION = '0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';

interface Built {
  readonly stack: MiranteStack;
  readonly template: Template;
  readonly json: TemplateJson & {
    Resources: Record<string, { DependsOn?: string[]; Properties?: Record<string, unknown> }>;
  };
}

let dev: Built;
/** prod with every optional edge feature and a pinned origin-verify version. */
let pinned: Built;

function build(stage: 'dev' | 'prod', context: Record<string, unknown> = {}): Built {
  const { stack } = buildMiranteStack(stage, context);
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as Built['json'] };
}

beforeAll(() => {
  dev = build('dev');
  pinned = build('prod', { waf: 'true', originVerifyVersion: VERSION });
});

/** The dynamic reference CloudFormation resolves to the secret's `current` value. */
const reference = (b: Built, version = '') => ({
  'Fn::Join': [
    '',
    [
      '{{resolve:secretsmanager:',
      { Ref: logicalIdOf(b.stack.platform.secrets.originVerify) },
      `:SecretString:current::${version}}}`,
    ],
  ],
});

interface Origin {
  readonly Id: string;
  readonly OriginCustomHeaders?: Array<{ HeaderName: string; HeaderValue: unknown }>;
}

const originsOf = (b: Built): Origin[] => {
  const id = logicalIdOf(b.stack.platform.edge.distribution);
  const config = b.json.Resources[id]?.Properties?.DistributionConfig as { Origins: Origin[] };
  return config.Origins;
};

describe('the distribution', () => {
  it('sends the origin-verify secret to the API origin, as a dynamic reference', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [
          Match.objectLike({
            OriginCustomHeaders: [
              { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: reference(dev) },
            ],
          }),
        ],
      }),
    });
    // Every origin (there is one: the HTTP API) carries it, on every behaviour.
    expect(originsOf(dev).length).toBeGreaterThan(0);
    for (const origin of originsOf(dev)) {
      expect(origin.OriginCustomHeaders, origin.Id).toEqual([
        { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: reference(dev) },
      ]);
    }
  });

  it('pins the version given with -c originVerifyVersion (a rotation step)', () => {
    expect(originsOf(pinned)[0]?.OriginCustomHeaders).toEqual([
      { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: reference(pinned, VERSION) },
    ]);
  });

  it('never lets a viewer supply the header: no policy forwards it from the viewer', () => {
    for (const b of [dev, pinned]) {
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

  it('is deployed before the feedback function (the header exists before it is checked)', () => {
    const fn = dev.json.Resources[logicalIdOf(dev.stack.feedback.function)];
    expect(fn?.DependsOn).toContain(logicalIdOf(dev.stack.platform.edge.distribution));
  });
});

describe('the origin-verify secret', () => {
  it('is generated at deploy time (64 letters and digits), never written in the template', () => {
    dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        GenerateStringKey: 'current',
        SecretStringTemplate: '{}',
        PasswordLength: 64,
        ExcludePunctuation: true,
      },
    });
    const secret = dev.json.Resources[logicalIdOf(dev.stack.platform.secrets.originVerify)];
    expect(secret?.Properties).not.toHaveProperty('SecretString');
  });

  it('reaches the feedback function (grant and variable) and no other function', () => {
    const secretId = logicalIdOf(dev.stack.platform.secrets.originVerify);
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Mirante feedback'),
      Environment: {
        Variables: Match.objectLike({ MIRANTE_ORIGIN_VERIFY_SECRET_ARN: { Ref: secretId } }),
      },
    });
    const reads = (fnRole: string) =>
      statementsOfRole(dev.json, fnRole)
        .statements.filter((s) =>
          JSON.stringify(s.Action).includes('secretsmanager:GetSecretValue'),
        )
        .flatMap(resourcesOf);
    expect(reads(logicalIdOf(dev.stack.feedback.role))).toContain(`<${secretId}>`);
    for (const fn of [dev.stack.api, dev.stack.export, dev.stack.compute, dev.stack.metrics]) {
      expect(reads(logicalIdOf(fn.role)), fn.node.id).not.toContain(`<${secretId}>`);
    }
  });
});

describe('-c originVerifyVersion', () => {
  const base = { stage: 'dev', codeVersion: TEST_CODE_VERSION };
  it('is optional and takes a Secrets Manager version id', () => {
    expect(parseStageConfig(base).originVerifyVersion).toBeUndefined();
    expect(parseStageConfig({ ...base, originVerifyVersion: VERSION }).originVerifyVersion).toBe(
      VERSION,
    );
  });
  it('refuses anything else, naming the key', () => {
    for (const bad of ['AWSCURRENT:x', 'short', '{{resolve}}']) {
      expect(() => parseStageConfig({ ...base, originVerifyVersion: bad })).toThrow(
        StageConfigError,
      );
      expect(() => parseStageConfig({ ...base, originVerifyVersion: bad })).toThrow(
        /originVerifyVersion/,
      );
    }
  });
});

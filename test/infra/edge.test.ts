import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RATING_POST_PATHS } from '../../infra/constructs/feedback-web-acl.js';
import { VIEWER_ADDRESS_HEADER } from '../../infra/constructs/public-edge.js';
import type { MiranteStack } from '../../infra/mirante-stack.js';
import { buildMiranteStack, logicalIdOf } from './build-mirante-stack.js';
import type { TemplateJson } from './iam-statements.js';

/** CloudFront's managed CachingDisabled policy. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cidade/0a1b2c3d-aaaa-bbbb';

interface Built {
  readonly stack: MiranteStack;
  readonly template: Template;
  readonly json: TemplateJson & { Rules?: Record<string, unknown> };
}

let dev: Built;
/** prod with a custom domain and a web ACL created by the stack. */
let prod: Built;
/** dev with an existing web ACL. */
let existingAcl: Built;

function build(stage: 'dev' | 'prod', context: Record<string, unknown> = {}): Built {
  const { stack } = buildMiranteStack(stage, context);
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as Built['json'] };
}

beforeAll(() => {
  dev = build('dev');
  prod = build('prod', {
    domainName: 'dados.cidade.gov.br',
    certificateArn: CERT,
    waf: 'true',
    wafRateLimit: '300',
  });
  existingAcl = build('dev', { wafWebAclArn: WEB_ACL });
});

interface Behavior {
  readonly PathPattern?: string;
  readonly AllowedMethods: string[];
  readonly CachedMethods?: string[];
  readonly CachePolicyId: unknown;
  readonly OriginRequestPolicyId?: unknown;
  readonly ViewerProtocolPolicy: string;
}

interface DistributionConfig {
  readonly DefaultCacheBehavior: Behavior;
  readonly CacheBehaviors: Behavior[];
  readonly Origins: Array<{ DomainName: unknown; CustomOriginConfig: Record<string, unknown> }>;
  readonly Aliases?: string[];
  readonly ViewerCertificate?: Record<string, unknown>;
  readonly WebACLId?: unknown;
  readonly Logging?: unknown;
  readonly PriceClass: string;
}

/** The template's Rules besides CDK's bootstrap-version check. */
function ownRules(
  b: Built,
): Array<{ Assertions: Array<{ Assert: unknown; AssertDescription: string }> }> {
  return Object.entries(b.json.Rules ?? {})
    .filter(([id]) => id !== 'CheckBootstrapVersion')
    .map(
      ([, rule]) => rule as { Assertions: Array<{ Assert: unknown; AssertDescription: string }> },
    );
}

function distribution(b: Built): DistributionConfig {
  const resources = Object.values(b.json.Resources).filter(
    (r) => r.Type === 'AWS::CloudFront::Distribution',
  );
  expect(resources).toHaveLength(1);
  return resources[0]?.Properties?.DistributionConfig as DistributionConfig;
}

/** A resource's properties by the `{ Ref }` a behaviour points at. */
function referenced(b: Built, ref: unknown): Record<string, unknown> {
  const id = (ref as { Ref: string }).Ref;
  const props = b.json.Resources[id]?.Properties;
  if (!props) throw new Error(`no resource ${id}`);
  return props;
}

/** Whether a CloudFront path pattern (`*`, `?`) matches a path. */
function matches(pattern: string, path: string): boolean {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`).test(path);
}

/** The behaviour CloudFront picks for a path: the first matching pattern, else the default. */
function behaviorFor(config: DistributionConfig, path: string): Behavior {
  return (
    config.CacheBehaviors.find((b) => b.PathPattern && matches(b.PathPattern, path)) ??
    config.DefaultCacheBehavior
  );
}

/** A concrete path of an HTTP API route path (`{id}` → `abc`, `{proxy+}` → `a/b`). */
const samplePath = (routePath: string) =>
  routePath.replace(/\{[^}]+\+\}/g, 'a/b').replace(/\{[^}]+\}/g, 'abc');

interface Route {
  readonly method: string;
  readonly path: string;
  readonly auth: string;
  readonly target: string;
}

function routes(b: Built): Route[] {
  const r = b.json.Resources;
  return Object.values(r)
    .filter((res) => res.Type === 'AWS::ApiGatewayV2::Route')
    .map((res) => {
      const p = res.Properties as { RouteKey: string; AuthorizationType: string; Target: unknown };
      const [method = '', path = ''] = p.RouteKey.split(' ');
      const integrationId = JSON.stringify(p.Target).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
      const uri = r[integrationId]?.Properties?.IntegrationUri as { 'Fn::GetAtt': string[] };
      return { method, path, auth: p.AuthorizationType, target: uri['Fn::GetAtt'][0] ?? '' };
    });
}

/** Whether a behaviour can't serve a cached response: CachingDisabled, or TTL 0 with max 1 s. */
function neverCaches(b: Built, behavior: Behavior): boolean {
  if (behavior.CachePolicyId === CACHING_DISABLED) return true;
  const config = referenced(b, behavior.CachePolicyId).CachePolicyConfig as {
    DefaultTTL: number;
    MaxTTL: number;
    MinTTL: number;
  };
  return config.DefaultTTL === 0 && config.MinTTL === 0 && config.MaxTTL <= 1;
}

function cacheKeyHeaders(b: Built, behavior: Behavior): string[] {
  if (behavior.CachePolicyId === CACHING_DISABLED) return [];
  const config = referenced(b, behavior.CachePolicyId).CachePolicyConfig as {
    ParametersInCacheKeyAndForwardedToOrigin: { HeadersConfig: { Headers?: string[] } };
  };
  return config.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers ?? [];
}

function originHeaders(b: Built, behavior: Behavior): string[] {
  if (!behavior.OriginRequestPolicyId) return [];
  const config = referenced(b, behavior.OriginRequestPolicyId).OriginRequestPolicyConfig as {
    HeadersConfig: { HeaderBehavior: string; Headers?: string[] };
  };
  expect(config.HeadersConfig.HeaderBehavior).toBe('whitelist');
  return config.HeadersConfig.Headers ?? [];
}

describe('CloudFront in front of the HTTP API', () => {
  it('has one origin: the HTTP API, over TLS 1.2 only', () => {
    const config = distribution(dev);
    expect(config.Origins).toHaveLength(1);
    expect(JSON.stringify(config.Origins[0]?.DomainName)).toContain(
      `{"Ref":"${logicalIdOf(dev.stack.platform.httpApi.api)}"},".execute-api."`,
    );
    expect(config.Origins[0]?.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    // South America's edge locations are only in the "all" price class.
    expect(config.PriceClass).toBe('PriceClass_All');
  });

  it('serves every route, and never caches writes, staff routes, the rating page or health', () => {
    const config = distribution(dev);
    const all = routes(dev);
    expect(all.length).toBeGreaterThan(15);
    for (const route of all) {
      const behavior = behaviorFor(config, samplePath(route.path));
      const what = `${route.method} ${route.path}`;
      // CloudFront answers HEAD wherever it answers GET, and caches both alike.
      const method = route.method === 'HEAD' ? 'GET' : route.method;
      expect(behavior.AllowedMethods ?? ['GET', 'HEAD'], what).toContain(route.method);
      const uncached =
        method !== 'GET' ||
        route.auth === 'JWT' ||
        route.path.startsWith('/avaliar') ||
        route.path === '/healthz';
      if (uncached) expect(neverCaches(dev, behavior), what).toBe(true);
      else expect(behavior, what).toBe(config.DefaultCacheBehavior);
      if (route.auth === 'JWT')
        expect(cacheKeyHeaders(dev, behavior), what).toContain('Authorization');
      if (method !== 'GET') expect(behavior.ViewerProtocolPolicy, what).not.toBe('allow-all');
    }
    // The POSTs: the API's rating, the no-JavaScript form, staff batches and metrics.
    for (const path of ['/v1/feedback', '/avaliar', '/v1/feedback/batch', '/v1/metrics/services']) {
      expect(neverCaches(dev, behaviorFor(config, path)), path).toBe(true);
    }
  });

  it('gives the feedback routes the viewer address, the others not', () => {
    const config = distribution(dev);
    const feedbackFn = logicalIdOf(dev.stack.feedback.function);
    for (const route of routes(dev)) {
      const headers = originHeaders(dev, behaviorFor(config, samplePath(route.path)));
      const what = `${route.method} ${route.path}`;
      if (route.target === feedbackFn) expect(headers, what).toContain(VIEWER_ADDRESS_HEADER);
      if (route.target === logicalIdOf(dev.stack.metrics.function)) {
        expect(headers, what).not.toContain(VIEWER_ADDRESS_HEADER);
      }
      // Host must stay the API's own, or API Gateway refuses the request.
      expect(
        headers.map((h) => h.toLowerCase()),
        what,
      ).not.toContain('host');
    }
    expect(originHeaders(dev, behaviorFor(config, '/v1/feedback'))).toEqual(
      expect.arrayContaining(['Idempotency-Key', 'Content-Type', 'Origin']),
    );
  });

  it('sends the erasure form POST to the feedback function and its page to the api, uncached', () => {
    const config = distribution(dev);
    const behavior = behaviorFor(config, '/avaliar/apagar');
    expect(behavior).toBe(behaviorFor(config, '/avaliar'));
    expect(behavior).not.toBe(config.DefaultCacheBehavior);
    expect(behavior.CachePolicyId).toBe(CACHING_DISABLED);
    expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(originHeaders(dev, behavior)).toEqual(expect.arrayContaining(['Content-Type']));
    const targets = routes(dev)
      .filter((r) => r.path === '/avaliar/apagar')
      .map((r) => `${r.method} ${r.auth} ${r.target}`)
      .sort();
    const api = logicalIdOf(dev.stack.api.function);
    const feedback = logicalIdOf(dev.stack.feedback.function);
    expect(targets).toEqual([`GET NONE ${api}`, `HEAD NONE ${api}`, `POST NONE ${feedback}`]);
  });

  it('caches reads as the API says, keyed on the query string, Accept, Accept-Language and Origin', () => {
    const config = distribution(dev);
    const read = referenced(dev, config.DefaultCacheBehavior.CachePolicyId).CachePolicyConfig;
    expect(read).toMatchObject({
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 86_400,
      ParametersInCacheKeyAndForwardedToOrigin: {
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        HeadersConfig: {
          HeaderBehavior: 'whitelist',
          Headers: ['Accept', 'Accept-Language', 'Origin'],
        },
        CookiesConfig: { CookieBehavior: 'none' },
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      },
    });
    expect(config.DefaultCacheBehavior).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
      CachedMethods: ['GET', 'HEAD'],
      ViewerProtocolPolicy: 'redirect-to-https',
    });
    // A CORS preflight (never cached) reaches API Gateway with what it needs to answer it.
    expect(originHeaders(dev, config.DefaultCacheBehavior)).toEqual([
      'Access-Control-Request-Method',
      'Access-Control-Request-Headers',
    ]);
    for (const path of [
      '/v1/indicators/user-satisfaction',
      '/v1/indicators/user-satisfaction/chart.svg',
      '/v1/indicators',
      '/v1/catalog',
      '/v1/services/abc',
      '/embed/user-satisfaction',
      '/',
    ]) {
      expect(behaviorFor(config, path), path).toBe(config.DefaultCacheBehavior);
    }
    expect(behaviorFor(config, '/avaliar').CachePolicyId).toBe(CACHING_DISABLED);
  });

  it('keeps no access logs (they would record viewer addresses) and sends HSTS', () => {
    expect(distribution(dev).Logging).toBeUndefined();
    expect(distribution(prod).Logging).toBeUndefined();
    dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, Override: true },
          ContentTypeOptions: { Override: false },
        },
      },
    });
  });
});

describe('custom domain', () => {
  it('uses the configured name and us-east-1 certificate with TLS 1.2', () => {
    const config = distribution(prod);
    expect(config.Aliases).toEqual(['dados.cidade.gov.br']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: CERT,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    const outputs = prod.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.PublicUrl?.Value).toBe('https://dados.cidade.gov.br');
  });

  it('is absent by default: the *.cloudfront.net name', () => {
    const config = distribution(dev);
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
  });
});

describe('WAF', () => {
  it('is off by default', () => {
    dev.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    expect(distribution(dev).WebACLId).toBeUndefined();
    expect(ownRules(dev)).toEqual([]);
  });

  it('rate-limits rating POSTs per address with a CLOUDFRONT web ACL, attached to the distribution', () => {
    prod.template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    const acl = Object.entries(prod.json.Resources).find(
      ([, r]) => r.Type === 'AWS::WAFv2::WebACL',
    );
    const [aclId, resource] = acl ?? [];
    expect(distribution(prod).WebACLId).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    const props = resource?.Properties as {
      Scope: string;
      DefaultAction: unknown;
      VisibilityConfig: { SampledRequestsEnabled: boolean };
      Rules: Array<{
        Action: { Block: { CustomResponse: { ResponseCode: number } } };
        Statement: { RateBasedStatement: Record<string, unknown> };
        VisibilityConfig: { SampledRequestsEnabled: boolean };
      }>;
    };
    expect(props.Scope).toBe('CLOUDFRONT');
    expect(props.DefaultAction).toEqual({ Allow: {} });
    // Sampled requests would keep client addresses.
    expect(props.VisibilityConfig.SampledRequestsEnabled).toBe(false);
    expect(props.Rules).toHaveLength(1);
    const [rule] = props.Rules;
    expect(rule?.VisibilityConfig.SampledRequestsEnabled).toBe(false);
    expect(rule?.Action.Block.CustomResponse.ResponseCode).toBe(429);
    expect(rule?.Statement.RateBasedStatement).toMatchObject({
      Limit: 300,
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
    });
    const scope = JSON.stringify(rule?.Statement.RateBasedStatement.ScopeDownStatement);
    expect(scope).toContain('"SearchString":"POST"');
    for (const path of RATING_POST_PATHS) expect(scope).toContain(`"SearchString":"${path}"`);
  });

  it('asserts at deployment that a web ACL it creates is in us-east-1', () => {
    const rules = ownRules(prod);
    expect(rules).toHaveLength(1);
    expect(rules[0]?.Assertions[0]?.Assert).toEqual({
      'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'],
    });
    expect(rules[0]?.Assertions[0]?.AssertDescription).toMatch(/wafWebAclArn/);
  });

  it('attaches an existing web ACL as given, creating none', () => {
    existingAcl.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    expect(distribution(existingAcl).WebACLId).toBe(WEB_ACL);
    expect(ownRules(existingAcl)).toEqual([]);
  });
});

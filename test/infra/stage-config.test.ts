import { spawnSync } from 'node:child_process';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/project-root.js';
import { parseStageConfig, StageConfigError } from '../../infra/stage-config.js';

const base = { codeVersion: '0.1.0' };
const prodBase = { ...base, stage: 'prod', alarmEmail: 'ops@cidade.gov.br' };
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/mirante/0a1b2c3d-aaaa-bbbb';

/** The message of the error parseStageConfig throws for a context ('' if it accepts it). */
function problemsOf(context: Record<string, unknown>): string {
  try {
    parseStageConfig(context);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(StageConfigError);
    return (e as Error).message;
  }
}

describe('parseStageConfig', () => {
  it('applies the dev defaults', () => {
    expect(parseStageConfig({ ...base, stage: 'dev' })).toMatchObject({
      stage: 'dev',
      timezone: 'America/Sao_Paulo',
      bucketSeconds: 300,
      minCellFloor: 10,
      logRetentionDays: RetentionDays.ONE_MONTH,
      retainData: false,
      allowedOrigins: ['*'],
      trustedNetworks: [],
      waf: { mode: 'off' },
      customDomain: undefined,
      monthlyBudgetUsd: 20,
      feedbackTtlDays: 90,
      noncurrentVersionDays: 30,
      rawFeedbackExpireDays: 30,
      tombstoneExpireDays: 60,
      backupRetentionDays: 35,
    });
    expect(parseStageConfig({ ...base, stage: 'dev' }).alarmEmail).toBeUndefined();
  });

  it('retains data and keeps logs a year in prod', () => {
    expect(parseStageConfig(prodBase)).toMatchObject({
      retainData: true,
      logRetentionDays: RetentionDays.ONE_YEAR,
    });
  });

  it('coerces -c values, which arrive as strings', () => {
    const config = parseStageConfig({
      ...prodBase,
      bucketSeconds: '600',
      waf: 'true',
      wafRateLimit: '1000',
      monthlyBudgetUsd: '50',
      logRetentionDays: '90',
      allowedOrigins: 'https://transparencia.pbh.gov.br, https://dados.pbh.gov.br',
    });
    expect(config.bucketSeconds).toBe(600);
    expect(config.logRetentionDays).toBe(RetentionDays.THREE_MONTHS);
    expect(config.waf).toEqual({ mode: 'create', rateLimit: 1000 });
    expect(config.monthlyBudgetUsd).toBe(50);
    expect(config.allowedOrigins).toEqual([
      'https://transparencia.pbh.gov.br',
      'https://dados.pbh.gov.br',
    ]);
  });

  it('rejects an unknown stage with a message that says what to pass', () => {
    expect(() => parseStageConfig({ ...base, stage: 'qa' })).toThrow(StageConfigError);
    expect(() => parseStageConfig({ ...base, stage: 'qa' })).toThrow(
      /stage must be one of dev, prod \(got "qa"\); pass -c stage=dev or -c stage=prod/,
    );
  });

  it('lists every invalid key at once', () => {
    let message = '';
    try {
      parseStageConfig({
        ...base,
        timezone: 'Mars/Olympus',
        bucketSeconds: '7',
        logRetentionDays: '17',
        allowedOrigins: 'https://portal.example/path',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/timezone must be an IANA time zone/);
    expect(message).toMatch(/bucketSeconds must be at least 60/);
    expect(message).toMatch(/logRetentionDays must be one of CloudWatch's values/);
    expect(message).toMatch(/allowedOrigins must be "\*" or origins/);
  });
});

describe('settings that depend on each other', () => {
  it('prod needs an alarm e-mail', () => {
    expect(problemsOf({ ...base, stage: 'prod' })).toMatch(
      /alarmEmail is required for the prod stage.*-c alarmEmail=/,
    );
    expect(problemsOf({ ...prodBase, alarmEmail: 'not-an-address' })).toMatch(
      /alarmEmail must be an e-mail address/,
    );
    expect(problemsOf({ ...base, stage: 'dev' })).toBe('');
  });

  it('a custom domain needs a us-east-1 certificate, and the other way round', () => {
    expect(
      parseStageConfig({ ...base, domainName: 'dados.cidade.gov.br', certificateArn: CERT })
        .customDomain,
    ).toEqual({ domainName: 'dados.cidade.gov.br', certificateArn: CERT });
    expect(problemsOf({ ...base, domainName: 'dados.cidade.gov.br' })).toMatch(
      /domainName and certificateArn go together/,
    );
    expect(problemsOf({ ...base, certificateArn: CERT })).toMatch(/go together/);
    expect(
      problemsOf({
        ...base,
        domainName: 'dados.cidade.gov.br',
        certificateArn: CERT.replace('us-east-1', 'sa-east-1'),
      }),
    ).toMatch(/certificateArn must be a certificate in us-east-1 \(got sa-east-1\)/);
    expect(
      problemsOf({ ...base, domainName: 'https://dados.cidade.gov.br/', certificateArn: CERT }),
    ).toMatch(/domainName must be a lower-case host name/);
  });

  it('waf=true outside us-east-1 is refused, naming both ways out', () => {
    const message = problemsOf({ ...base, waf: 'true', region: 'sa-east-1' });
    expect(message).toMatch(/waf=true creates a CLOUDFRONT-scope web ACL/);
    expect(message).toMatch(/deploy to us-east-1/);
    expect(message).toMatch(/-c wafWebAclArn=arn:aws:wafv2:us-east-1:/);
    expect(parseStageConfig({ ...base, waf: 'true', region: 'us-east-1' }).waf).toEqual({
      mode: 'create',
      rateLimit: 600,
    });
    // Region unknown at synthesis: the template asserts it at deployment instead.
    expect(parseStageConfig({ ...base, waf: true }).waf.mode).toBe('create');
  });

  it('an existing web ACL turns WAF on from any region', () => {
    expect(parseStageConfig({ ...base, wafWebAclArn: WEB_ACL, region: 'sa-east-1' }).waf).toEqual({
      mode: 'existing',
      webAclArn: WEB_ACL,
    });
    expect(
      problemsOf({ ...base, wafWebAclArn: WEB_ACL.replace('us-east-1', 'sa-east-1') }),
    ).toMatch(/wafWebAclArn must be a CLOUDFRONT-scope web ACL, which lives in us-east-1/);
    expect(problemsOf({ ...base, wafWebAclArn: 'my-acl' })).toMatch(/wafWebAclArn must be the ARN/);
    expect(problemsOf({ ...base, waf: 'yes' })).toMatch(/waf must be true or false/);
  });

  it('a lake tombstone must outlive every copy of the rating it erases', () => {
    expect(problemsOf({ ...base, tombstoneExpireDays: '30' })).toMatch(
      /tombstoneExpireDays \(30\) must be at least 35: .*raw exports 30 days \+ 1 as an old version, backups 35 days, point-in-time recovery 35 days/,
    );
    expect(problemsOf({ ...base, rawFeedbackExpireDays: '45', tombstoneExpireDays: '45' })).toMatch(
      /tombstoneExpireDays \(45\) must be at least 46/,
    );
    expect(problemsOf({ ...base, backupRetentionDays: '90' })).toMatch(
      /tombstoneExpireDays \(60\) must be at least 90/,
    );
    expect(
      problemsOf({
        ...base,
        rawFeedbackExpireDays: '7',
        noncurrentVersionDays: '7',
        tombstoneExpireDays: '35',
      }),
    ).toBe('');
  });

  it('trusted networks are addresses or CIDR ranges', () => {
    expect(
      parseStageConfig({ ...base, trustedNetworks: '200.10.20.0/24, 2001:db8::/48,189.1.2.3' })
        .trustedNetworks,
    ).toEqual(['200.10.20.0/24', '2001:db8::/48', '189.1.2.3']);
    for (const bad of ['200.10.20.0/33', 'telecentro-1', '10.0.0.0/8/1']) {
      expect(problemsOf({ ...base, trustedNetworks: bad }), bad).toMatch(
        /trustedNetworks must be addresses or CIDR ranges/,
      );
    }
  });

  it('the burst of the API stage is at least its rate', () => {
    expect(problemsOf({ ...base, apiRateLimit: '200', apiBurstLimit: '100' })).toMatch(
      /apiBurstLimit \(100\) must be at least apiRateLimit \(200\)/,
    );
  });
});

describe('-c computeMemoryMb', () => {
  it('defaults to 3008 and takes whole MB from 1769 to 10240 (as -c passes it: a string)', () => {
    expect(parseStageConfig(base).computeMemoryMb).toBe(3008);
    expect(parseStageConfig({ ...base, computeMemoryMb: '6144' }).computeMemoryMb).toBe(6144);
    expect(parseStageConfig({ ...base, computeMemoryMb: 1769 }).computeMemoryMb).toBe(1769);
    expect(parseStageConfig({ ...base, computeMemoryMb: '10240' }).computeMemoryMb).toBe(10_240);
  });

  it('refuses what Lambda accepts but DuckDB compute can not use, saying why', () => {
    for (const small of ['128', '1024', '1768']) {
      const message = problemsOf({ ...base, computeMemoryMb: small });
      expect(message, small).toMatch(
        /computeMemoryMb must be at least 1769, where Lambda gives one full vCPU: below it DuckDB compute gets a fraction of a core/,
      );
      expect(message, small).toMatch(/10M-rating rebuild already peaks at ~1\.4 GB/);
    }
  });

  it("refuses more than Lambda's largest function, and anything but whole MB", () => {
    expect(problemsOf({ ...base, computeMemoryMb: '10241' })).toMatch(
      /computeMemoryMb must be at most 10240, Lambda's largest function/,
    );
    expect(problemsOf({ ...base, computeMemoryMb: '3008.5' })).toMatch(
      /computeMemoryMb must be a whole number of MB/,
    );
    for (const bad of ['6GB', 'lots']) {
      expect(problemsOf({ ...base, computeMemoryMb: bad }), bad).toMatch(
        /computeMemoryMb must be a number of MB \(pass -c computeMemoryMb=6144\)/,
      );
    }
  });

  it('is listed with the other bad keys', () => {
    const message = problemsOf({ ...base, computeMemoryMb: '512', bucketSeconds: '7' });
    expect(message).toMatch(/computeMemoryMb must be at least 1769/);
    expect(message).toMatch(/bucketSeconds must be at least 60/);
  });
});

describe('infra/app.ts', () => {
  it('exits with the validation message, not a stack trace, on a bad stage', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ stage: 'qa' }) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid Mirante CDK context');
    expect(run.stderr).toContain('pass -c stage=dev or -c stage=prod');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

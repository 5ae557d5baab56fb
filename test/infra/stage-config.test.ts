import { spawnSync } from 'node:child_process';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/project-root.js';
import { parseStageConfig, StageConfigError } from '../../infra/stage-config.js';

const base = { codeVersion: '0.1.0' };

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
    });
  });

  it('retains data and keeps logs a year in prod', () => {
    expect(parseStageConfig({ ...base, stage: 'prod' })).toMatchObject({
      retainData: true,
      logRetentionDays: RetentionDays.ONE_YEAR,
    });
  });

  it('coerces -c values, which arrive as strings', () => {
    const config = parseStageConfig({
      ...base,
      stage: 'prod',
      bucketSeconds: '600',
      logRetentionDays: '90',
      allowedOrigins: 'https://transparencia.pbh.gov.br, https://dados.pbh.gov.br',
    });
    expect(config.bucketSeconds).toBe(600);
    expect(config.logRetentionDays).toBe(RetentionDays.THREE_MONTHS);
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

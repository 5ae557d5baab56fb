import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { buildMiranteStack } from './build-mirante-stack.js';

interface ValidationReport {
  readonly pluginReports: ReadonlyArray<{
    readonly pluginName: string;
    readonly violations: ReadonlyArray<{ readonly ruleName: string; readonly severity: string }>;
  }>;
}

/** Every optional feature on: WAF, custom domain, trusted networks, a larger compute function. */
const ALL_FEATURES = {
  waf: 'true',
  computeMemoryMb: '6144',
  domainName: 'dados.cidade.gov.br',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb',
  trustedNetworks: '200.10.20.0/24',
};

describe('cdk-nag AwsSolutions rules', () => {
  it.each([
    ['dev', {}],
    ['prod', ALL_FEATURES],
  ] as const)('the %s stage synthesizes with zero unacknowledged findings', (stage, context) => {
    const { app } = buildMiranteStack(stage, context);
    const assembly = app.synth();
    const report = JSON.parse(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    ) as ValidationReport;
    const findings = report.pluginReports.flatMap((p) =>
      p.violations.map((v) => `${p.pluginName} ${v.severity} ${v.ruleName}`),
    );
    expect(findings).toEqual([]);
  });

  it('run at synthesis: an unacknowledged finding fails the synth', () => {
    const { app, stack } = buildMiranteStack('dev');
    new Queue(stack, 'PlainQueue', { encryption: QueueEncryption.UNENCRYPTED });
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });

  it('are acknowledged only on named resources, each with a specific reason', () => {
    const { app, stack } = buildMiranteStack('prod');
    const acknowledgements = stack.node.findAll().flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
            path: c.node.path,
            id,
            reason,
            onStack: c instanceof Stack,
          })),
        ),
    );
    expect(app.node.metadata).toEqual([]);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const a of acknowledgements) {
      expect(a.onStack, `${a.id} on ${a.path}`).toBe(false);
      expect(a.reason.length, `${a.id} on ${a.path}`).toBeGreaterThan(60);
    }
    const reasons = new Set(acknowledgements.map((a) => `${a.path} ${a.id}`));
    expect(reasons.size).toBe(acknowledgements.length);
  });
});

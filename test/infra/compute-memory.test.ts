import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { duckDbSettingsForMemory } from '../../functions/compute/duckdb-session.js';
import { COMPUTE_EVERY } from '../../infra/constructs/compute-function.js';
import {
  COMPUTE_MEMORY_MB,
  computeEphemeralStorageMb,
} from '../../infra/constructs/compute-sizing.js';
import type { MiranteStack } from '../../infra/mirante-stack.js';
import { StageConfigError } from '../../infra/stage-config.js';
import { buildMiranteStack, logicalIdOf } from './build-mirante-stack.js';
import type { TemplateJson } from './iam-statements.js';

interface Built {
  readonly stack: MiranteStack;
  readonly template: Template;
  readonly json: TemplateJson;
}

/** The default stage, and the same stage deployed with `-c computeMemoryMb=6144`. */
let standard: Built;
let raised: Built;

function build(context: Record<string, unknown> = {}): Built {
  const { stack } = buildMiranteStack('dev', context);
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as TemplateJson };
}

beforeAll(() => {
  standard = build();
  raised = build({ computeMemoryMb: '6144' });
});

const COMPUTE_DESCRIPTION = 'Mirante indicator compute and publish (scheduled, DuckDB)';

/** Properties of every Lambda function in the template, by logical id. */
function functionsOf(b: Built): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(b.template.findResources('AWS::Lambda::Function')).map(([id, r]) => [
      id,
      (r as { Properties: Record<string, unknown> }).Properties,
    ]),
  );
}

describe('compute memory (-c computeMemoryMb)', () => {
  it('defaults to 3,008 MB with 4 GiB of /tmp and the 15-minute timeout', () => {
    standard.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: COMPUTE_DESCRIPTION,
      MemorySize: 3008,
      EphemeralStorage: { Size: 4096 },
      Timeout: 900,
    });
    const compute = functionsOf(standard)[logicalIdOf(standard.stack.compute.function)];
    expect(compute).toMatchObject({ MemorySize: 3008, EphemeralStorage: { Size: 4096 } });
  });

  it('6144 raises the compute function to 6,144 MB and 8 GiB of /tmp, and nothing else', () => {
    raised.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: COMPUTE_DESCRIPTION,
      MemorySize: 6144,
      EphemeralStorage: { Size: 8192 },
      Timeout: 900,
      ReservedConcurrentExecutions: 1,
    });
    const computeId = logicalIdOf(raised.stack.compute.function);
    expect(
      Object.keys(
        raised.template.findResources('AWS::Lambda::Function', {
          Properties: { MemorySize: 6144 },
        }),
      ),
    ).toEqual([computeId]);
    // Every other function keeps exactly the size it has by default.
    const sizes = (b: Built) =>
      Object.fromEntries(
        Object.entries(functionsOf(b))
          .filter(([id]) => id !== logicalIdOf(b.stack.compute.function))
          .map(([id, p]) => [id, [p.MemorySize, p.EphemeralStorage ?? null, p.Timeout]]),
      );
    expect(Object.keys(sizes(raised)).length).toBeGreaterThanOrEqual(6);
    expect(sizes(raised)).toEqual(sizes(standard));
  });

  it('reaches the code only as the runtime memory: the environment and schedule are unchanged', () => {
    const env = (b: Built) => functionsOf(b)[logicalIdOf(b.stack.compute.function)]?.Environment;
    expect(env(raised)).toEqual(env(standard));
    expect(JSON.stringify(env(raised))).not.toContain('6144');
    raised.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${COMPUTE_EVERY.toMinutes()} minutes)`,
      Targets: Match.arrayWith([
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalIdOf(raised.stack.compute.function), 'Arn'] },
        }),
      ]),
    });
    // What the handler derives from AWS_LAMBDA_FUNCTION_MEMORY_SIZE at each size.
    expect(duckDbSettingsForMemory(3008)).toEqual({ threads: 2, memoryLimit: '1804MB' });
    expect(duckDbSettingsForMemory(6144)).toEqual({ threads: 3, memoryLimit: '3686MB' });
    expect(duckDbSettingsForMemory(COMPUTE_MEMORY_MB.min).threads).toBe(1);
    expect(duckDbSettingsForMemory(COMPUTE_MEMORY_MB.max).threads).toBe(6);
  });

  it('refuses sizes too small for DuckDB or too large for Lambda, before synthesis', () => {
    for (const [value, message] of [
      ['1024', /computeMemoryMb must be at least 1769, where Lambda gives one full vCPU/],
      ['128', /computeMemoryMb must be at least 1769/],
      ['10241', /computeMemoryMb must be at most 10240, Lambda's largest function/],
      ['6 GB', /computeMemoryMb must be a number of MB \(pass -c computeMemoryMb=6144\)/],
    ] as const) {
      expect(() => buildMiranteStack('dev', { computeMemoryMb: value }), value).toThrow(
        StageConfigError,
      );
      expect(() => buildMiranteStack('dev', { computeMemoryMb: value }), value).toThrow(message);
    }
  });
});

describe('computeEphemeralStorageMb', () => {
  it('keeps 4,096 MB up to the default memory, then grows as 4/3 of it up to Lambda’s 10,240', () => {
    expect(computeEphemeralStorageMb(COMPUTE_MEMORY_MB.min)).toBe(4096);
    expect(computeEphemeralStorageMb(COMPUTE_MEMORY_MB.default)).toBe(4096);
    expect(computeEphemeralStorageMb(3072)).toBe(4096);
    expect(computeEphemeralStorageMb(3073)).toBe(4098);
    expect(computeEphemeralStorageMb(6144)).toBe(8192);
    expect(computeEphemeralStorageMb(7680)).toBe(10_240);
    expect(computeEphemeralStorageMb(COMPUTE_MEMORY_MB.max)).toBe(10_240);
  });

  it('never shrinks as memory grows', () => {
    let previous = 0;
    for (let mb = COMPUTE_MEMORY_MB.min; mb <= COMPUTE_MEMORY_MB.max; mb += 1) {
      const storage = computeEphemeralStorageMb(mb);
      expect(storage).toBeGreaterThanOrEqual(previous);
      previous = storage;
    }
  });
});

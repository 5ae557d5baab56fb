import { App, CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { addMiranteStack } from '../../infra/add-mirante-stack.js';
import type { MiranteStack } from '../../infra/mirante-stack.js';
import { parseStageConfig } from '../../infra/stage-config.js';

/** The code version the test stacks carry. */
export const TEST_CODE_VERSION = 'test-1.2.3';

/** The alarm e-mail of test prod stacks (prod requires one). */
export const TEST_ALARM_EMAIL = 'alarmes@cidade.example';

/**
 * Builds the app exactly as infra/app.ts does (cdk-nag included) for one stage, with
 * NodejsFunction bundling skipped (esbuild and the DuckDB install would make tests slow).
 * Synthesis takes seconds: build each stage once per test file (in `beforeAll`).
 */
export function buildMiranteStack(
  stage: 'dev' | 'prod',
  context: Readonly<Record<string, unknown>> = {},
): { app: App; stack: MiranteStack } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = addMiranteStack(
    app,
    parseStageConfig({
      stage,
      codeVersion: TEST_CODE_VERSION,
      ...(stage === 'prod' ? { alarmEmail: TEST_ALARM_EMAIL } : {}),
      ...context,
    }),
  );
  return { app, stack };
}

/** The template logical id of a construct's CloudFormation resource. */
export function logicalIdOf(construct: IConstruct): string {
  const element = CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild;
  if (!element || !CfnElement.isCfnElement(element)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  }
  return Stack.of(element).resolve(element.logicalId) as string;
}

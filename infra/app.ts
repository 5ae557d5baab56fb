import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { addMiranteStack } from './add-mirante-stack.js';
import { PROJECT_ROOT } from './project-root.js';
import { parseStageConfig, STAGE_CONTEXT_KEYS, StageConfigError } from './stage-config.js';

// The CDK app: the only place deploy-time configuration is read (CDK context, e.g.
// `-c stage=prod`; the code version may also come from MIRANTE_CODE_VERSION or package.json).
const app = new App();
const context: Record<string, unknown> = Object.fromEntries(
  STAGE_CONTEXT_KEYS.map((key) => [key, app.node.tryGetContext(key)]),
);
const packageJson = JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, 'utf8')) as {
  version: string;
};
context.codeVersion ??= process.env.MIRANTE_CODE_VERSION ?? packageJson.version;
// The CDK CLI sets CDK_DEFAULT_REGION from the profile; it is used only to check settings that
// AWS ties to us-east-1 (a CLOUDFRONT web ACL). The stack itself stays environment agnostic.
context.region ??= process.env.CDK_DEFAULT_REGION;

try {
  addMiranteStack(app, parseStageConfig(context));
} catch (error) {
  if (error instanceof StageConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

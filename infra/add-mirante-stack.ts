import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MiranteStack } from './mirante-stack.js';
import { PROJECT_ROOT } from './project-root.js';
import type { StageConfig } from './stage-config.js';

/**
 * Adds the stage's Mirante stack (`Mirante-<stage>`) to an app and runs the cdk-nag
 * AwsSolutions rules over the app at synthesis; an unacknowledged finding fails the synth.
 */
export function addMiranteStack(app: App, config: StageConfig): MiranteStack {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return new MiranteStack(app, `Mirante-${config.stage}`, {
    config,
    projectRoot: PROJECT_ROOT,
    description: `Mirante transparency and feedback analytics (${config.stage})`,
  });
}

import { awsClientOptionsFromEnv, createAwsClients } from '../shared/aws-clients.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { type ExportFeedbackResult, exportFeedback } from './export-feedback.js';

const config = loadConfig(process.env);
const clients = createAwsClients(awsClientOptionsFromEnv(process.env));
const logger = createLogger({ service: 'export' });

/** Lambda entry point of the scheduled feedback export. */
export async function handler(): Promise<ExportFeedbackResult> {
  return exportFeedback({
    doc: clients.doc,
    s3: clients.s3,
    config,
    now: () => new Date(),
    logger,
  });
}

import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { loadSecretsFromManager } from '../shared/load-secrets.js';
import { createLogger } from '../shared/logger.js';
import { answerOriginVerifyRequest } from './answer-origin-verify-request.js';

const logger = createLogger({ service: 'origin-verify-resource' });
// Checked per request, not here: a module that fails to load would leave CloudFormation waiting
// for a response until the resource's timeout.
const secretArn = process.env.MIRANTE_SECRETS_ARN;

/**
 * Lambda entry point of the origin-verify custom resource (deployment time only): derives the
 * value CloudFront sends in `X-Mirante-Origin-Verify` from the receipt key of the one generated
 * secret (`MIRANTE_SECRETS_ARN`, the only secret it may read) and answers CloudFormation.
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  await answerOriginVerifyRequest(event, {
    logger,
    readRoot: async () => {
      if (!secretArn) throw new Error('MIRANTE_SECRETS_ARN is not set');
      return (await loadSecretsFromManager(secretArn)).receiptKey;
    },
  });
}

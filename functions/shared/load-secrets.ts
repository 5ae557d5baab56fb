import { createHmac } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Mirante's server secrets: the receipt HMAC key and the IP-hash salt. */
export interface MiranteSecrets {
  readonly receiptKey: string;
  readonly ipSalt: string;
}

/** The one Secrets Manager call the loader makes (a `SecretsManagerClient` satisfies it). */
export interface SecretReader {
  send(command: GetSecretValueCommand): Promise<{ SecretString?: string | undefined }>;
}

/**
 * Reads the secrets from Secrets Manager: a JSON secret `{ receiptKey }` generated at deploy time,
 * optionally with an explicit `ipSalt`. Without one, the salt is derived from the receipt key
 * (HMAC with a fixed label), so one generated secret serves both and setting `ipSalt` rotates the
 * salt alone. Call once at cold start and keep the promise: cached for the life of the container.
 */
export async function loadSecretsFromManager(
  secretArn: string,
  client: SecretReader = new SecretsManagerClient({}),
): Promise<MiranteSecrets> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const parsed = JSON.parse(SecretString ?? '{}') as Partial<MiranteSecrets>;
  if (!parsed.receiptKey) throw new Error('the Mirante secret must hold receiptKey');
  return {
    receiptKey: parsed.receiptKey,
    ipSalt: parsed.ipSalt || deriveIpSalt(parsed.receiptKey),
  };
}

/** The IP-hash salt derived from the receipt key when the secret holds no explicit one. */
export function deriveIpSalt(receiptKey: string): string {
  return createHmac('sha256', receiptKey).update('mirante/ip-salt/v1').digest('base64url');
}

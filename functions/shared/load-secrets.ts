import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Mirante's server secrets: the receipt HMAC key and the IP-hash salt. */
export interface MiranteSecrets {
  readonly receiptKey: string;
  readonly ipSalt: string;
}

/**
 * Reads the secrets from Secrets Manager (a JSON secret `{ receiptKey, ipSalt }`). Call once at
 * cold start and keep the promise: the secrets are cached for the life of the container.
 */
export async function loadSecretsFromManager(
  secretArn: string,
  client: Pick<SecretsManagerClient, 'send'> = new SecretsManagerClient({}),
): Promise<MiranteSecrets> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const parsed = JSON.parse(SecretString ?? '{}') as Partial<MiranteSecrets>;
  if (!parsed.receiptKey || !parsed.ipSalt) {
    throw new Error('the Mirante secret must hold receiptKey and ipSalt');
  }
  return { receiptKey: parsed.receiptKey, ipSalt: parsed.ipSalt };
}

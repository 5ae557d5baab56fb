import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretReader } from '../shared/load-secrets.js';
import { type OriginVerifySecret, originVerifySecretSchema } from './origin-verify.js';

/**
 * Reads the origin-verify secret from Secrets Manager: the JSON secret `{ current }` generated at
 * deploy time (infra/constructs/app-secrets.ts), with `previous` while it is being rotated.
 * Throws an `Error` naming the problem when the JSON does not have that shape. Call once at cold
 * start: cached for the life of the container (a rotation replaces the containers).
 */
export async function loadOriginVerifySecret(
  secretArn: string,
  client: SecretReader = new SecretsManagerClient({}),
): Promise<OriginVerifySecret> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  let json: unknown;
  try {
    json = JSON.parse(SecretString ?? '');
  } catch {
    throw new Error('the origin-verify secret must be JSON: { "current": "…" }');
  }
  const parsed = originVerifySecretSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `the origin-verify secret must be { "current": "…", "previous"?: "…" }: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return parsed.data;
}

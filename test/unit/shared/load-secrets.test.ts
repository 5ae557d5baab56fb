import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import {
  deriveIpSalt,
  loadSecretsFromManager,
  type SecretReader,
} from '../../../functions/shared/load-secrets.js';

// Secrets Manager has no embedded server here; a client answering GetSecretValue stands in for
// it at this edge, and the test checks what the function makes of the secret's JSON.
const clientReturning = (secret: unknown): SecretReader => ({
  async send(command) {
    expect(command).toBeInstanceOf(GetSecretValueCommand);
    return { SecretString: JSON.stringify(secret) };
  },
});

describe('loadSecretsFromManager', () => {
  it('derives the IP salt from the receipt key when the secret has none', async () => {
    const secrets = await loadSecretsFromManager(
      'arn:secret',
      clientReturning({ receiptKey: 'k1' }),
    );
    expect(secrets.receiptKey).toBe('k1');
    expect(secrets.ipSalt).toBe(deriveIpSalt('k1'));
    expect(secrets.ipSalt).not.toBe(deriveIpSalt('k2'));
    expect(secrets.ipSalt).not.toContain('k1');
  });

  it('uses an explicit ipSalt (rotating the salt alone)', async () => {
    const secrets = await loadSecretsFromManager(
      'arn:secret',
      clientReturning({ receiptKey: 'k1', ipSalt: 'salt' }),
    );
    expect(secrets.ipSalt).toBe('salt');
  });

  it('refuses a secret without a receipt key', async () => {
    await expect(
      loadSecretsFromManager('arn:secret', clientReturning({ ipSalt: 'x' })),
    ).rejects.toThrow(/receiptKey/);
  });
});

import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { loadOriginVerifySecret } from '../../../functions/feedback/load-origin-verify-secret.js';
import type { SecretReader } from '../../../functions/shared/load-secrets.js';

// Secrets Manager has no embedded server here; a client answering GetSecretValue stands in for
// it at this edge, and the test checks what the function makes of the secret's text.
const clientReturning = (secretString: string | undefined): SecretReader => ({
  async send(command) {
    expect(command).toBeInstanceOf(GetSecretValueCommand);
    expect(command.input.SecretId).toBe('arn:origin-verify');
    return { SecretString: secretString };
  },
});

const CURRENT = 'c'.repeat(64);
const PREVIOUS = 'p'.repeat(64);

describe('loadOriginVerifySecret', () => {
  it('reads the generated { current } secret, and previous while rotating', async () => {
    expect(
      await loadOriginVerifySecret(
        'arn:origin-verify',
        clientReturning(`{"current":"${CURRENT}"}`),
      ),
    ).toEqual({ current: CURRENT });
    expect(
      await loadOriginVerifySecret(
        'arn:origin-verify',
        clientReturning(JSON.stringify({ current: CURRENT, previous: PREVIOUS })),
      ),
    ).toEqual({ current: CURRENT, previous: PREVIOUS });
  });

  it('refuses a secret of another shape without echoing its value', async () => {
    for (const text of [
      undefined,
      'not json',
      '{}',
      JSON.stringify({ current: 'too-short' }),
      JSON.stringify({ current: CURRENT, previous: 42 }),
    ]) {
      const error = await loadOriginVerifySecret('arn:origin-verify', clientReturning(text)).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error, String(text)).toBeInstanceOf(Error);
      expect(error?.message).toMatch(/origin-verify secret/);
      expect(error?.message).not.toContain('too-short');
      expect(error?.message).not.toContain(CURRENT);
    }
  });
});

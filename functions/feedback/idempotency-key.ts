import { ProblemError } from '../shared/problem.js';

/** Longest accepted `Idempotency-Key`. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** 1–255 visible ASCII characters (0x21–0x7E): no spaces, no control or non-ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/**
 * Validates an `Idempotency-Key` header value and returns it unchanged (the quotes of the IETF
 * draft's structured-field form are part of the key). Missing or invalid → 400
 * `missing-idempotency-key`.
 */
export function requireIdempotencyKey(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') {
    throw new ProblemError('missing-idempotency-key', {
      detail: 'Send an Idempotency-Key header, e.g. a random UUID, and reuse it when you retry.',
      errors: [{ pointer: '/headers/idempotency-key', detail: 'required' }],
    });
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw new ProblemError('missing-idempotency-key', {
      detail: 'The Idempotency-Key must be 1–255 visible ASCII characters (no spaces).',
      errors: [
        {
          pointer: '/headers/idempotency-key',
          detail:
            value.length > IDEMPOTENCY_KEY_MAX_LENGTH
              ? `must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`
              : 'must be visible ASCII characters (0x21–0x7E)',
        },
      ],
    });
  }
  return value;
}

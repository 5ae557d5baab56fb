import { createHash } from 'node:crypto';

/**
 * Where an idempotency key comes from: the public endpoint or a staff bulk import. Each has its
 * own id space, so a kiosk's key can never collide with a citizen's.
 */
export type FeedbackIdScope = 'public' | 'import';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lowercase RFC 4648 base32 without padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * The feedback id of an idempotency key: the first 128 bits of SHA-256 over a domain tag, the
 * scope and the key, in base32 (26 characters). Deterministic, so every retry of a request
 * addresses the same item and one conditional write decides which request stored it.
 */
export function feedbackIdOf(scope: FeedbackIdScope, idempotencyKey: string): string {
  const digest = createHash('sha256')
    .update(`mirante/feedback-id/v1\u0000${scope}\u0000${idempotencyKey}`, 'utf8')
    .digest();
  return base32(digest.subarray(0, 16));
}

import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The header CloudFront adds, as an origin custom header, to every request it sends to the HTTP
 * API (infra/constructs/public-edge.ts). Its value is secret (derived from the receipt key: see
 * origin-verify-value.ts), so a request carrying it came through CloudFront, and only then is its
 * `CloudFront-Viewer-Address` believed.
 */
export const ORIGIN_VERIFY_HEADER = 'X-Mirante-Origin-Verify';

/**
 * The values an origin-verify header may carry: the one CloudFront sends and, while a rotation
 * propagates, the one it sent before (accepted too, so no request is misjudged meanwhile). On
 * AWS and locally both are derived from the receipt key for a version (see
 * `acceptedOriginVerifyValues` in origin-verify-value.ts); no secret of their own is stored.
 */
export interface OriginVerifySecret {
  readonly current: string;
  readonly previous?: string | undefined;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a presented header value equals the current or the previous value. Both sides are
 * hashed to 32 bytes and compared with `timingSafeEqual`, so the time taken reveals neither how
 * much of a guess was right nor the secret's length, and every accepted value is compared (no
 * early exit). No secret, or no header, is never verified.
 */
export function isOriginVerified(
  secret: OriginVerifySecret | undefined,
  presented: string | null | undefined,
): boolean {
  if (!secret || presented === null || presented === undefined || presented === '') return false;
  const given = digest(presented);
  let verified = false;
  for (const accepted of [secret.current, secret.previous]) {
    if (accepted === undefined) continue;
    // `||` would skip the comparison once one matched: compare every value, then combine.
    const equal = timingSafeEqual(given, digest(accepted));
    verified = verified || equal;
  }
  return verified;
}

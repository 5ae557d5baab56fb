import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The header CloudFront adds, as an origin custom header, to every request it sends to the HTTP
 * API (infra/constructs/public-edge.ts). Its value is a secret, so a request carrying it came
 * through CloudFront, and only then is its `CloudFront-Viewer-Address` believed.
 */
export const ORIGIN_VERIFY_HEADER = 'X-Mirante-Origin-Verify';

/** The JSON key of the secret value CloudFront sends (`{ "current": … }` in Secrets Manager). */
export const ORIGIN_VERIFY_CURRENT_KEY = 'current';

/**
 * The origin-verify secret: the value CloudFront sends and, while it is being rotated, the
 * value it sent before (accepted too, so no request is misjudged between the two updates).
 */
export const originVerifySecretSchema = z.object({
  [ORIGIN_VERIFY_CURRENT_KEY]: z.string().min(16, 'the origin-verify secret is too short'),
  previous: z.string().min(16, 'the previous origin-verify secret is too short').optional(),
});

/** The values an origin-verify header may carry (see {@link originVerifySecretSchema}). */
export type OriginVerifySecret = z.output<typeof originVerifySecretSchema>;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether a presented header value equals the current or the previous secret. Both sides are
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

import { createHmac } from 'node:crypto';
import type { OriginVerifySecret } from './origin-verify.js';

/**
 * The HMAC label of an origin-verify value, followed by its version. Like the IP salt's
 * (`mirante/ip-salt/v1`, functions/shared/load-secrets.ts) it contains `/`, which a feedback id
 * (26 base32 letters and digits) never does, so no receipt (HMAC of an id under the same key)
 * and no salt can equal an origin-verify value.
 */
const LABEL = 'mirante/origin-verify/';

/** The highest origin-verify version (a stage setting: `-c originVerifyVersion=<n>`). */
export const MAX_ORIGIN_VERIFY_VERSION = 999_999;

/** Thrown for an origin-verify version that is not a whole number from 1 to the maximum. */
export class OriginVerifyVersionError extends Error {
  override name = 'OriginVerifyVersionError';
}

/**
 * Reads an origin-verify version (an environment variable, a custom resource property, a local
 * setting): a whole number from 1 to {@link MAX_ORIGIN_VERIFY_VERSION}, written in digits.
 * Throws an {@link OriginVerifyVersionError} naming what it got otherwise.
 */
export function parseOriginVerifyVersion(text: string | number | undefined): number {
  const written = typeof text === 'number' ? String(text) : text?.trim();
  const version = written !== undefined && /^[1-9]\d{0,5}$/.test(written) ? Number(written) : NaN;
  if (!(version >= 1 && version <= MAX_ORIGIN_VERIFY_VERSION)) {
    const shown = written === undefined ? 'nothing' : JSON.stringify(written.slice(0, 40));
    throw new OriginVerifyVersionError(
      `the origin-verify version must be a whole number from 1 to ${MAX_ORIGIN_VERIFY_VERSION} (got ${shown})`,
    );
  }
  return version;
}

/**
 * The value CloudFront sends in `X-Mirante-Origin-Verify` for a version: base64url of
 * HMAC-SHA256(root, `mirante/origin-verify/<version>`), where the root is the receipt key (the
 * one generated secret). 43 characters, as unguessable as the root; knowing it (anyone who may
 * read the distribution's configuration does) reveals nothing about the root, the receipts, the
 * IP salt or the value of another version. Deterministic: CloudFront's copy (derived at deploy
 * time by a custom resource) and the feedback function's (derived at cold start) agree.
 */
export function originVerifyValue(root: string, version: number): string {
  const checked = parseOriginVerifyVersion(version);
  if (root === '') throw new Error('the origin-verify root key is empty');
  return createHmac('sha256', root).update(`${LABEL}${checked}`, 'utf8').digest('base64url');
}

/**
 * The values the feedback function accepts at a version: that version's (`current`) and, from
 * version 2 on, the one before (`previous`). A rotation deploys version n+1: the function,
 * updated before the distribution, accepts n+1 and n while CloudFront still sends n and then
 * propagates n+1; n is refused again from the deploy of n+2 on.
 */
export function acceptedOriginVerifyValues(root: string, version: number): OriginVerifySecret {
  const current = originVerifyValue(root, version);
  return version > 1 ? { current, previous: originVerifyValue(root, version - 1) } : { current };
}

import type { Context } from 'hono';
import type { MiranteEnv } from '../http/create-base-app.js';
import { sourceIpOf } from '../http/request-context.js';
import { clientAddress, VIEWER_ADDRESS_HEADER } from './client-address.js';
import { ORIGIN_VERIFY_HEADER, type OriginVerifySecret } from './origin-verify.js';

/** The header CloudFront sets to the viewer's `ip:port` (forwarded by the rating behaviours). */

/**
 * The address a rating request is counted against (see {@link clientAddress}): read from the
 * request's headers and source address, trusting `CloudFront-Viewer-Address` only when the
 * origin-verify header carries an accepted value. A wrong origin-verify value is logged as a
 * warning (a caller guessing, or CloudFront and the function on versions more than one apart, or
 * the receipt key changed without a new version: docs/operations.md); the addresses themselves
 * are never logged.
 */
export function requestClientAddress(
  c: Context<MiranteEnv>,
  originVerify: OriginVerifySecret | undefined,
): string | undefined {
  const originVerifyHeader = c.req.header(ORIGIN_VERIFY_HEADER);
  const address = clientAddress(
    {
      viewerAddressHeader: c.req.header(VIEWER_ADDRESS_HEADER),
      originVerifyHeader,
      sourceIp: sourceIpOf(c),
    },
    originVerify,
  );
  if (originVerifyHeader && !address.viaCloudFront) {
    c.get('logger').warn('origin-verify header did not match: viewer address not trusted', {
      originVerifyConfigured: originVerify !== undefined,
    });
  }
  return address.ip;
}

import { isIP, isIPv4 } from 'node:net';
import { isOriginVerified, type OriginVerifySecret } from './origin-verify.js';

/** The CloudFront-generated header that carries the viewer's address to the feedback routes. */
export const VIEWER_ADDRESS_HEADER = 'CloudFront-Viewer-Address';

/** Where the HTTP layer found the client's address. */
export interface ClientAddressSources {
  /**
   * The `CloudFront-Viewer-Address` header: `ip:port`, IPv6 unbracketed
   * (`2001:db8::1:46532`); bracketed `[2001:db8::1]:46532` is accepted too. Anyone can send it,
   * so it is believed only when {@link originVerifyHeader} proves the request came through
   * CloudFront.
   */
  readonly viewerAddressHeader?: string | null | undefined;
  /** The `X-Mirante-Origin-Verify` header (`ORIGIN_VERIFY_HEADER`), added by CloudFront. */
  readonly originVerifyHeader?: string | null | undefined;
  /** The address the request came from (API Gateway's `sourceIp`, the socket locally). */
  readonly sourceIp?: string | null | undefined;
}

/** The client a request is counted against, and whether CloudFront vouched for it. */
export interface ClientAddress {
  /** The IP address, normalised; `undefined` when none was found. */
  readonly ip: string | undefined;
  /** True when the origin-verify header carried an accepted value (the viewer address was eligible). */
  readonly viaCloudFront: boolean;
}

/**
 * The client's IP address, normalised (IPv4-mapped IPv6 → IPv4, IPv6 lower case). The viewer
 * address from CloudFront is used only when the request carries an accepted origin-verify value
 * (compared in constant time) and the address is well formed; otherwise the request's own
 * source address — so a caller that reaches the HTTP API directly is counted by its real
 * address, whatever `CloudFront-Viewer-Address` it sends. Without accepted values (`originVerify`
 * undefined, the local default) the viewer address is never believed. The result is used only
 * in memory (hashed for the limiter).
 */
export function clientAddress(
  sources: ClientAddressSources,
  originVerify: OriginVerifySecret | undefined,
): ClientAddress {
  const viaCloudFront = isOriginVerified(originVerify, sources.originVerifyHeader);
  const viewer = viaCloudFront ? fromViewerHeader(sources.viewerAddressHeader) : undefined;
  return { ip: viewer ?? normaliseIp(sources.sourceIp), viaCloudFront };
}

function fromViewerHeader(header: string | null | undefined): string | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) return normaliseIp(bracketed[1]);
  const colon = value.lastIndexOf(':');
  if (colon > 0 && /^\d{1,5}$/.test(value.slice(colon + 1))) {
    const ip = normaliseIp(value.slice(0, colon));
    if (ip) return ip;
  }
  return normaliseIp(value);
}

/** Normalises an IP address string; `undefined` if it is not one. */
export function normaliseIp(value: string | null | undefined): string | undefined {
  const ip = value?.trim().replace(/%.*$/, ''); // drop an IPv6 zone id
  if (!ip || !isIP(ip)) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1];
  return ip.toLowerCase();
}

import { isIP, isIPv4 } from 'node:net';

/** Where the HTTP layer found the client's address. */
export interface ClientAddressSources {
  /**
   * The `CloudFront-Viewer-Address` header: `ip:port`, IPv6 unbracketed
   * (`2001:db8::1:46532`); bracketed `[2001:db8::1]:46532` is accepted too. Trust it only when
   * the API can be reached through CloudFront alone.
   */
  readonly viewerAddressHeader?: string | null | undefined;
  /** The address the request came from (API Gateway's `sourceIp`, the socket locally). */
  readonly sourceIp?: string | null | undefined;
}

/**
 * The client's IP address, normalised (IPv4-mapped IPv6 → IPv4, IPv6 lower case): the viewer
 * address from CloudFront when present and well formed, else the source address; `undefined`
 * when neither is an IP address. The result is used only in memory (hashed for the limiter).
 */
export function clientAddress(sources: ClientAddressSources): string | undefined {
  return fromViewerHeader(sources.viewerAddressHeader) ?? normaliseIp(sources.sourceIp);
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

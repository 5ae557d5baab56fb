import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** A set of IP networks (CIDR blocks, IPv4 and IPv6). */
export interface IpNetworks {
  /** Whether a (normalised) address lies in one of the networks. */
  contains(ip: string | undefined): boolean;
}

/**
 * Builds a set of networks from CIDR strings (`200.10.0.0/16`, `2001:db8::/32`, or a single
 * address). Throws an `Error` naming the entry for anything else (configuration is checked at
 * start-up).
 */
export function ipNetworks(cidrs: readonly string[]): IpNetworks {
  const list = new BlockList();
  let size = 0;
  for (const raw of cidrs) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = '', prefixText] = entry.split('/');
    const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
    const max = family === 'ipv4' ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (!family || !/^\d{1,3}$/.test(prefixText ?? String(max)) || prefix > max) {
      throw new Error(`not an IP network (CIDR): ${entry}`);
    }
    list.addSubnet(address, prefix, family);
    size++;
  }
  return {
    contains(ip) {
      if (!ip || size === 0) return false;
      if (isIPv4(ip)) return list.check(ip, 'ipv4');
      return isIPv6(ip) ? list.check(ip, 'ipv6') : false;
    },
  };
}

/**
 * The /64 network of an IPv6 address (`2001:db8:1:2::/64`): one IPv6 subscriber usually holds a
 * whole /64 and can pick any address in it, so the limiter counts per /64. IPv4 is unchanged.
 */
export function rateLimitSubject(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const groups = expandIpv6(ip);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  let text = ip.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => Number.parseInt(g, 16).toString(16));
}

/** The networks of a comma-separated CIDR list (`MIRANTE_TRUSTED_NETWORKS`); blanks are ignored. */
export function parseCidrList(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

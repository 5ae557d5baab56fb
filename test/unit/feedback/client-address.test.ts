import { describe, expect, it } from 'vitest';
import {
  type ClientAddressSources,
  clientAddress,
  normaliseIp,
} from '../../../functions/feedback/client-address.js';
import { ipNetworks, rateLimitSubject } from '../../../functions/feedback/ip-networks.js';
import type { OriginVerifySecret } from '../../../functions/feedback/origin-verify.js';
import { clientHashOf } from '../../../functions/feedback/rate-limiter.js';

/** The origin-verify secret of these tests. */
const SECRET = { current: 'origin-verify-current-0123456789' };
/** Sources of a request that came through CloudFront (carrying the secret). */
const viaCloudFront = (viewerAddressHeader: string | undefined, sourceIp?: string) => ({
  viewerAddressHeader,
  originVerifyHeader: SECRET.current,
  sourceIp,
});
const ipOf = (sources: ClientAddressSources, secret: OriginVerifySecret | undefined = SECRET) =>
  clientAddress(sources, secret).ip;

describe('clientAddress', () => {
  it('prefers CloudFront-Viewer-Address (ip:port) over the source address when CloudFront vouches', () => {
    expect(clientAddress(viaCloudFront('198.51.100.10:46532', '130.176.0.1'), SECRET)).toEqual({
      ip: '198.51.100.10',
      viaCloudFront: true,
    });
  });
  it('reads unbracketed and bracketed IPv6 with a port', () => {
    expect(ipOf(viaCloudFront('2001:db8:85a3::8a2e:370:7334:46532'))).toBe(
      '2001:db8:85a3::8a2e:370:7334',
    );
    expect(ipOf(viaCloudFront('2001:DB8::1:443'))).toBe('2001:db8::1');
    expect(ipOf(viaCloudFront('[2001:db8::1]:443'))).toBe('2001:db8::1');
  });
  it('falls back to the source address when the header is missing or malformed', () => {
    expect(ipOf(viaCloudFront(undefined, '203.0.113.5'))).toBe('203.0.113.5');
    expect(ipOf(viaCloudFront('nonsense', '203.0.113.5'))).toBe('203.0.113.5');
    expect(ipOf({ sourceIp: '::ffff:203.0.113.5' })).toBe('203.0.113.5');
    expect(ipOf({ sourceIp: 'not-an-ip' })).toBeUndefined();
    expect(ipOf({})).toBeUndefined();
  });
  it('normalises IPv4-mapped IPv6 and zone ids', () => {
    expect(normaliseIp('::FFFF:10.1.2.3')).toBe('10.1.2.3');
    expect(normaliseIp('fe80::1%eth0')).toBe('fe80::1');
  });
});

describe('clientAddress: whom it believes', () => {
  const forged = { viewerAddressHeader: '198.51.100.77:443', sourceIp: '203.0.113.9' };

  it('uses the source address when the origin-verify header is missing', () => {
    expect(clientAddress(forged, SECRET)).toEqual({ ip: '203.0.113.9', viaCloudFront: false });
  });
  it('uses the source address when the origin-verify header is wrong, empty or a near miss', () => {
    for (const presented of [
      'wrong',
      '',
      SECRET.current.slice(0, -1),
      `${SECRET.current}x`,
      SECRET.current.toUpperCase(),
      ` ${SECRET.current}`,
    ]) {
      expect(
        clientAddress({ ...forged, originVerifyHeader: presented }, SECRET),
        presented,
      ).toEqual({ ip: '203.0.113.9', viaCloudFront: false });
    }
  });
  it('never believes the viewer address without a configured secret (the local default)', () => {
    for (const presented of [undefined, '', SECRET.current]) {
      expect(clientAddress({ ...forged, originVerifyHeader: presented }, undefined).ip).toBe(
        '203.0.113.9',
      );
    }
  });
  it('accepts the previous secret while it is being rotated, and only then', () => {
    const rotating = { current: 'origin-verify-new-0123456789abcd', previous: SECRET.current };
    expect(ipOf({ ...forged, originVerifyHeader: SECRET.current }, rotating)).toBe('198.51.100.77');
    expect(ipOf({ ...forged, originVerifyHeader: rotating.current }, rotating)).toBe(
      '198.51.100.77',
    );
    expect(
      ipOf({ ...forged, originVerifyHeader: SECRET.current }, { current: rotating.current }),
    ).toBe('203.0.113.9');
  });
});

describe('ipNetworks', () => {
  const networks = ipNetworks(['200.160.0.0/20', '2001:db8:cafe::/48', '192.0.2.9']);
  it('matches IPv4 and IPv6 CIDR blocks and single addresses', () => {
    expect(networks.contains('200.160.15.255')).toBe(true);
    expect(networks.contains('200.160.16.0')).toBe(false);
    expect(networks.contains('2001:db8:cafe:ffff::1')).toBe(true);
    expect(networks.contains('2001:db8:cafd::1')).toBe(false);
    expect(networks.contains('192.0.2.9')).toBe(true);
    expect(networks.contains('192.0.2.10')).toBe(false);
    expect(networks.contains(undefined)).toBe(false);
  });
  it('refuses malformed entries', () => {
    expect(() => ipNetworks(['10.0.0.0/33'])).toThrow(/10.0.0.0\/33/);
    expect(() => ipNetworks(['telecentro'])).toThrow(/telecentro/);
  });
});

describe('client hash', () => {
  it('groups an IPv6 /64 and leaves IPv4 alone', () => {
    expect(rateLimitSubject('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitSubject('::ffff:1.2.3.4'.replace('::ffff:', ''))).toBe('1.2.3.4');
    expect(rateLimitSubject('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });
  it('changes every UTC day and never contains the address', () => {
    const day1 = clientHashOf('salt', '198.51.100.1', new Date('2025-03-14T23:59:59Z'));
    const sameDay = clientHashOf('salt', '198.51.100.1', new Date('2025-03-14T00:00:00Z'));
    const day2 = clientHashOf('salt', '198.51.100.1', new Date('2025-03-15T00:00:00Z'));
    expect(day1).toBe(sameDay);
    expect(day2).not.toBe(day1);
    expect(day1).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(clientHashOf('other-salt', '198.51.100.1', new Date('2025-03-14T12:00:00Z'))).not.toBe(
      day1,
    );
  });
});

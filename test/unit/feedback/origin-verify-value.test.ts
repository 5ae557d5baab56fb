import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import { isOriginVerified } from '../../../functions/feedback/origin-verify.js';
import {
  acceptedOriginVerifyValues,
  MAX_ORIGIN_VERIFY_VERSION,
  OriginVerifyVersionError,
  originVerifyValue,
  parseOriginVerifyVersion,
} from '../../../functions/feedback/origin-verify-value.js';
import { receiptOf } from '../../../functions/feedback/receipt.js';
import { deriveIpSalt } from '../../../functions/shared/load-secrets.js';

const ROOT = 'k'.repeat(64);
const OTHER_ROOT = `${'k'.repeat(63)}l`;

describe('originVerifyValue', () => {
  it('is HMAC-SHA256(root, "mirante/origin-verify/<version>") in base64url, 43 characters', () => {
    const expected = createHmac('sha256', ROOT)
      .update('mirante/origin-verify/3', 'utf8')
      .digest('base64url');
    expect(originVerifyValue(ROOT, 3)).toBe(expected);
    expect(originVerifyValue(ROOT, 3)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is deterministic: the custom resource and the function derive the same value', () => {
    expect(originVerifyValue(ROOT, 1)).toBe(originVerifyValue(`${ROOT}`, 1));
  });

  it('differs per version and per root', () => {
    const versions = [1, 2, 3, 10, 11, MAX_ORIGIN_VERIFY_VERSION];
    const values = new Set(versions.map((v) => originVerifyValue(ROOT, v)));
    expect(values.size).toBe(versions.length);
    for (const v of versions) {
      expect(originVerifyValue(OTHER_ROOT, v), `version ${v}`).not.toBe(originVerifyValue(ROOT, v));
    }
  });

  it('reveals nothing it is derived from, nor equals the salt or a receipt under the same key', () => {
    const value = originVerifyValue(ROOT, 1);
    expect(value).not.toContain('kkkk');
    expect(value).not.toBe(deriveIpSalt(ROOT));
    // A receipt is HMAC(root, id): it equals this value only for the id "mirante/origin-verify/1",
    // which no feedback id can be (26 base32 letters and digits, never "/").
    expect(receiptOf(ROOT, 'mirante/origin-verify/1')).toBe(value);
    expect(feedbackIdOf('public', 'mirante/origin-verify/1')).toMatch(/^[a-z2-7]{26}$/);
  });

  it('refuses an empty root and a version out of range', () => {
    expect(() => originVerifyValue('', 1)).toThrow(/root/);
    for (const bad of [0, -1, 1.5, MAX_ORIGIN_VERIFY_VERSION + 1, Number.NaN]) {
      expect(() => originVerifyValue(ROOT, bad), String(bad)).toThrow(OriginVerifyVersionError);
    }
  });
});

describe('acceptedOriginVerifyValues', () => {
  it('is the current version only at version 1', () => {
    expect(acceptedOriginVerifyValues(ROOT, 1)).toEqual({ current: originVerifyValue(ROOT, 1) });
  });

  it('is the current version and the one before from version 2 on', () => {
    expect(acceptedOriginVerifyValues(ROOT, 5)).toEqual({
      current: originVerifyValue(ROOT, 5),
      previous: originVerifyValue(ROOT, 4),
    });
  });

  it('verifies exactly the values of n and n-1: a rotation keeps CloudFront believed', () => {
    const accepted = acceptedOriginVerifyValues(ROOT, 5);
    expect(isOriginVerified(accepted, originVerifyValue(ROOT, 5))).toBe(true);
    expect(isOriginVerified(accepted, originVerifyValue(ROOT, 4))).toBe(true);
    for (const other of [3, 6, 1]) {
      expect(isOriginVerified(accepted, originVerifyValue(ROOT, other)), `v${other}`).toBe(false);
    }
    // The same version under another root (a receipt key rotated without a new version).
    expect(isOriginVerified(accepted, originVerifyValue(OTHER_ROOT, 5))).toBe(false);
  });
});

describe('parseOriginVerifyVersion', () => {
  it('reads whole numbers from 1 up, as text or number', () => {
    expect(parseOriginVerifyVersion('1')).toBe(1);
    expect(parseOriginVerifyVersion(' 42 ')).toBe(42);
    expect(parseOriginVerifyVersion(7)).toBe(7);
    expect(parseOriginVerifyVersion(String(MAX_ORIGIN_VERIFY_VERSION))).toBe(
      MAX_ORIGIN_VERIFY_VERSION,
    );
  });

  it('refuses anything else, saying what it got', () => {
    for (const bad of [undefined, '', '0', '01', '-1', '1.5', '1e3', 'abc', '1000000', 0, 2.5]) {
      expect(() => parseOriginVerifyVersion(bad), String(bad)).toThrow(OriginVerifyVersionError);
    }
    expect(() => parseOriginVerifyVersion(undefined)).toThrow(/got nothing/);
    expect(() => parseOriginVerifyVersion('abc')).toThrow(/got "abc"/);
  });
});

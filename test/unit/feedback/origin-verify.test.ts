import { timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOriginVerified } from '../../../functions/feedback/origin-verify.js';

// node:crypto stays real; timingSafeEqual is wrapped only to see what it is given.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const SECRET = { current: 'origin-verify-current-0123456789' };

afterEach(() => {
  vi.mocked(timingSafeEqual).mockClear();
});

describe('isOriginVerified', () => {
  it('verifies the current secret and nothing else', () => {
    expect(isOriginVerified(SECRET, SECRET.current)).toBe(true);
    for (const presented of [
      'wrong',
      SECRET.current.slice(0, -1),
      `${SECRET.current}x`,
      SECRET.current.toUpperCase(),
      ` ${SECRET.current}`,
    ]) {
      expect(isOriginVerified(SECRET, presented), presented).toBe(false);
    }
  });

  it('compares values of any length without throwing (timingSafeEqual wants equal lengths)', () => {
    for (const presented of ['a', 'x'.repeat(31), 'x'.repeat(32), 'x'.repeat(4096), 'é🙂']) {
      expect(isOriginVerified(SECRET, presented), `length ${presented.length}`).toBe(false);
    }
    expect(isOriginVerified({ current: 'k'.repeat(500) }, 'k'.repeat(500))).toBe(true);
    expect(isOriginVerified({ current: 'k'.repeat(500) }, 'k'.repeat(499))).toBe(false);
  });

  it('compares in constant time: 32-byte digests, every accepted value, no early exit', () => {
    const compare = vi.mocked(timingSafeEqual);
    const rotating = { current: SECRET.current, previous: 'p'.repeat(90) };
    // A match on the first value still compares the second.
    expect(isOriginVerified(rotating, SECRET.current)).toBe(true);
    // A guess of another length is compared the same way, never short-circuited by its length.
    expect(isOriginVerified(rotating, 'short')).toBe(false);
    expect(compare).toHaveBeenCalledTimes(4);
    for (const [a, b] of compare.mock.calls) {
      expect([a.byteLength, b.byteLength]).toEqual([32, 32]);
    }
  });

  it('accepts the previous secret while rotating, and only then', () => {
    const rotating = { current: 'origin-verify-new-0123456789abcd', previous: SECRET.current };
    expect(isOriginVerified(rotating, SECRET.current)).toBe(true);
    expect(isOriginVerified(rotating, rotating.current)).toBe(true);
    expect(isOriginVerified({ current: rotating.current }, SECRET.current)).toBe(false);
  });

  it('never verifies a missing header or a missing secret', () => {
    expect(isOriginVerified(SECRET, undefined)).toBe(false);
    expect(isOriginVerified(SECRET, null)).toBe(false);
    expect(isOriginVerified(SECRET, '')).toBe(false);
    expect(isOriginVerified(undefined, SECRET.current)).toBe(false);
    expect(vi.mocked(timingSafeEqual)).not.toHaveBeenCalled();
  });
});

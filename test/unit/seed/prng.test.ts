import { describe, expect, it } from 'vitest';
import {
  apportion,
  createRandom,
  deriveSeed,
  mulberry32,
  pickWeighted,
} from '../../../functions/seed/prng.js';

describe('mulberry32', () => {
  it('is deterministic and pinned (a change here changes the whole demo city)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(first.map((x) => Math.floor(x * 1e6))).toMatchInlineSnapshot(`
      [
        601103,
        448290,
        852465,
        669734,
        174813,
      ]
    `);
    expect(mulberry32(43)()).not.toBe(first[0]);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const next = mulberry32(7);
    const buckets = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = next();
      if (!(x >= 0 && x < 1)) outside++;
      buckets[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});

describe('createRandom', () => {
  it('gives each label its own stream', () => {
    expect(deriveSeed(1, 'services')).not.toBe(deriveSeed(1, 'ratings'));
    expect(deriveSeed(1, 'services')).not.toBe(deriveSeed(2, 'services'));
    expect(createRandom(1, 'a').next()).toBe(createRandom(1, 'a').next());
    expect(createRandom(1, 'a').next()).not.toBe(createRandom(1, 'b').next());
  });

  it('draws integers, picks, normals and Poisson counts with the right moments', () => {
    const r = createRandom(3);
    const ints = Array.from({ length: 20_000 }, () => r.int(1, 6));
    expect(Math.min(...ints)).toBe(1);
    expect(Math.max(...ints)).toBe(6);
    const normals = Array.from({ length: 20_000 }, () => r.normal(10, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / normals.length;
    expect(mean).toBeCloseTo(10, 1);
    for (const m of [3, 200]) {
      const counts = Array.from({ length: 20_000 }, () => r.poisson(m));
      expect(counts.reduce((a, b) => a + b, 0) / counts.length).toBeCloseTo(m, m > 10 ? 0 : 1);
      expect(counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
    }
    expect(r.poisson(0)).toBe(0);
    const picks = new Set(Array.from({ length: 200 }, () => r.pick(['a', 'b', 'c'])));
    expect([...picks].sort()).toEqual(['a', 'b', 'c']);
    const heavy = Array.from({ length: 10_000 }, () =>
      pickWeighted(r, [
        ['x', 9],
        ['y', 1],
      ]),
    ).filter((v) => v === 'x').length;
    expect(heavy).toBeGreaterThan(8700);
    expect(heavy).toBeLessThan(9300);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = createRandom(5).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });
});

describe('apportion', () => {
  it('splits a total exactly in proportion', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(1400, [2, 1, 1])).toEqual([700, 350, 350]);
    expect(apportion(7, [0, 0])).toEqual([0, 0]);
    const parts = apportion(15_000, [0.22, 0.1, 0.1, 0.12, 0.13, 0.05, 0.12, 0.06, 0.06, 0.04]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(15_000);
    expect(parts[0]).toBe(3300);
  });
});

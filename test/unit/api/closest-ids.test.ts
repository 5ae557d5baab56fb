import { describe, expect, it } from 'vitest';
import { closestIds, levenshtein } from '../../../functions/api/closest-ids.js';

const IDS = [
  'user-satisfaction',
  'completion-rate',
  'wifi-hotspots',
  'wifi-reach',
  'wifi-vulnerable-share',
  'telecentros',
];

describe('levenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['same', 'same', 0],
  ])('%s ↔ %s = %i', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });
});

describe('closestIds', () => {
  it('suggests ids within a few edits, best first', () => {
    expect(closestIds('user-satisfation', IDS)).toEqual(['user-satisfaction']);
    expect(closestIds('telecentro', IDS)).toEqual(['telecentros']);
    expect(closestIds('wifi-reech', IDS)).toEqual(['wifi-reach']);
  });

  it('suggests ids containing the word, at most three', () => {
    expect(closestIds('wifi', IDS)).toEqual([
      'wifi-hotspots',
      'wifi-reach',
      'wifi-vulnerable-share',
    ]);
    expect(closestIds('WIFI', IDS, 1)).toEqual(['wifi-hotspots']);
  });

  it('suggests nothing for an unrelated id', () => {
    expect(closestIds('budget', IDS)).toEqual([]);
  });
});

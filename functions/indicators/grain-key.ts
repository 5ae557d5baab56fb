import type { IndicatorRow } from '../publish/indicator-row.js';

/**
 * A row's grain as one string: its period and the value of each dimension, each prefixed with
 * its length, so that no two different grains share a text whatever characters the values hold
 * (unlike a plain separator). Suppression orders equal-sized cells by it.
 */
export function grainKey(row: Readonly<IndicatorRow>, dimensions: readonly string[]): string {
  let key = String(row.period);
  for (const dimension of dimensions) {
    const value = String(row[dimension]);
    key += `|${value.length}:${value}`;
  }
  return key;
}

import type { IndicatorRow } from '../publish/indicator-row.js';

/**
 * A row's grain as one string: its period and the value of each dimension, each prefixed with
 * its length, so that no two different grains share a key whatever characters the values hold
 * (unlike a plain separator), and much cheaper than `JSON.stringify` on a hot path. With
 * `asTotal`, that dimension's value is replaced by `total` (the grain of the row's total along it).
 */
export function grainKey(
  row: Readonly<IndicatorRow>,
  dimensions: readonly string[],
  asTotal?: string,
  total?: string,
): string {
  let key = String(row.period);
  for (const dimension of dimensions) {
    const value = dimension === asTotal ? (total as string) : String(row[dimension]);
    key += `|${value.length}:${value}`;
  }
  return key;
}

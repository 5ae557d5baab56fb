import { type IndicatorRow, UNKNOWN } from '../publish/indicator-row.js';

/**
 * Sorts result rows into their published order: by period, then by breakdown in the order the
 * metadata declares them (`ranks[i]` is row `i`'s breakdown index, computed once by the caller),
 * then by each dimension's value (code-unit order, `_U` last). Independent of locale, so the same
 * rows always publish as the same bytes. Returns a new array; `rows` is left as it was.
 */
export function sortResultRows(
  rows: readonly IndicatorRow[],
  ranks: readonly number[],
  dimensions: readonly string[],
): IndicatorRow[] {
  const order = rows.map((_, i) => i);
  order.sort((i, j) => {
    const a = rows[i] as IndicatorRow;
    const b = rows[j] as IndicatorRow;
    if (a.period !== b.period) return a.period < b.period ? -1 : 1;
    const byBreakdown = (ranks[i] as number) - (ranks[j] as number);
    if (byBreakdown !== 0) return byBreakdown;
    for (const dimension of dimensions) {
      const byValue = compareValues(a[dimension] as string, b[dimension] as string);
      if (byValue !== 0) return byValue;
    }
    return 0;
  });
  return order.map((i) => rows[i] as IndicatorRow);
}

function compareValues(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNKNOWN) return 1;
  if (b === UNKNOWN) return -1;
  return a < b ? -1 : 1;
}

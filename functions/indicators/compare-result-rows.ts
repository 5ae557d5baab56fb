import { type IndicatorRow, UNKNOWN } from '../publish/indicator-row.js';
import { breakdownKey, rowBreakdownKey } from './breakdown-key.js';
import type { IndicatorMetadata } from './indicator-metadata.js';

/**
 * A comparator giving result rows their published order: by period, then by breakdown in the
 * order the metadata declares them, then by each dimension's value (code-unit order, `_U` last).
 * Independent of locale, so the same rows always publish as the same bytes.
 */
export function compareResultRows(
  metadata: Pick<IndicatorMetadata, 'dimensions' | 'breakdowns'>,
): (a: IndicatorRow, b: IndicatorRow) => number {
  const order = new Map(metadata.breakdowns.map((b, i) => [breakdownKey(b), i]));
  const rank = (row: IndicatorRow) =>
    order.get(rowBreakdownKey(row, metadata.dimensions)) ?? order.size;
  return (a, b) => {
    if (a.period !== b.period) return a.period < b.period ? -1 : 1;
    const byBreakdown = rank(a) - rank(b);
    if (byBreakdown !== 0) return byBreakdown;
    for (const dimension of metadata.dimensions) {
      const byValue = compareValues(String(a[dimension]), String(b[dimension]));
      if (byValue !== 0) return byValue;
    }
    return 0;
  };
}

function compareValues(a: string, b: string): number {
  if (a === b) return 0;
  if (a === UNKNOWN) return 1;
  if (b === UNKNOWN) return -1;
  return a < b ? -1 : 1;
}

import { TOTAL } from '../publish/indicator-row.js';

/** An order-independent key of a breakdown (a set of dimensions): its names sorted, comma-joined. */
export function breakdownKey(breakdown: readonly string[]): string {
  return [...breakdown].sort().join(',');
}

/**
 * The breakdown a result row belongs to, as a {@link breakdownKey}: its dimensions whose value is
 * not `_T` (`_U` is a value inside the breakdown).
 */
export function rowBreakdownKey(
  row: Readonly<Record<string, unknown>>,
  dimensions: readonly string[],
): string {
  return breakdownKey(dimensions.filter((dimension) => row[dimension] !== TOTAL));
}

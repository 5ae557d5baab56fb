import { type GrainCode, grainCodes } from '../indicators/grain-codes.js';
import { grainKey } from '../indicators/grain-key.js';
import type { IndicatorMetadata } from '../indicators/indicator-metadata.js';
import type { IndicatorRow } from '../publish/indicator-row.js';

/** Rows after suppression, with how many were suppressed by each rule (for the receipt). */
export interface SuppressionResult {
  readonly rows: IndicatorRow[];
  /** Rows whose own `n` is below `min_cell` (or unknown). */
  readonly suppressedPrimary: number;
  /** Rows suppressed only so that a primary one can't be recovered from a published total. */
  readonly suppressedComplementary: number;
}

/** A total row and the rows that break it down along one dimension. */
interface TotalGroup {
  readonly total: number;
  /** Child rows, smallest `n` first (ties by key), the order complements are chosen in. */
  readonly children: number[];
  /** Index into `children` of the next candidate complement. */
  next: number;
  /** Suppressed rows among the total and its children. */
  suppressed: number;
}

/**
 * Applies Mirante's privacy rule to an indicator's rows (before publication).
 *
 * - **Primary:** a row whose `n` is below `min_cell` (or null) is suppressed: `value`, `n` and every
 *   extra measure become `null` and `status` becomes `"C"`.
 * - **Complementary:** a *group* is a total row and the rows of the same period that break it down
 *   along one dimension (same values in every other dimension, a value instead of `_T` in that
 *   one). In every group the number of suppressed rows (total included) must never be exactly one:
 *   with a published total, either no child or at least two are suppressed, so no suppressed value
 *   is the total minus published cells; with a suppressed total, at least one child is suppressed
 *   too, so the total isn't the sum of published cells (this covers a total below `min_cell`).
 *   A group with a single suppressed row gets its next-smallest published child suppressed (the
 *   total only when every child already is), and the check repeats over every group the new
 *   suppression touches until none has a single suppressed row.
 *
 * `min_cell: 0` (indicators that count things) suppresses nothing. Rows must have a unique grain
 * (period + dimension values); the result keeps the input order.
 */
export function suppress(
  rows: readonly IndicatorRow[],
  metadata: Pick<IndicatorMetadata, 'dimensions' | 'measures' | 'min_cell'>,
): SuppressionResult {
  const minCell = metadata.min_cell;
  if (minCell <= 0) {
    return {
      rows: rows.map((row) => ({ ...row })),
      suppressedPrimary: 0,
      suppressedComplementary: 0,
    };
  }
  const { dimensions } = metadata;
  const codes = grainCodes(rows, dimensions);
  const byKey = new Map<GrainCode, number>();
  for (let i = 0; i < rows.length; i++) {
    const key = codes.of(i);
    if (byKey.has(key)) {
      const row = rows[i] as IndicatorRow;
      const grain = JSON.stringify([row.period, ...dimensions.map((d) => row[d])]);
      throw new Error(`suppress: two rows share the grain ${grain}`);
    }
    byKey.set(key, i);
  }

  // 0 published, 1 primary, 2 complementary.
  const state = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    if (row.n === null || row.n < minCell) state[i] = 1;
  });

  const groups: TotalGroup[] = [];
  // Per dimension: the code of a total row → its group along that dimension.
  const groupIndex = dimensions.map(() => new Map<GrainCode, number>());
  const groupsOfRow: number[][] = rows.map(() => []);
  for (let i = 0; i < rows.length; i++) {
    for (let d = 0; d < dimensions.length; d++) {
      if (codes.isTotal(i, d)) continue;
      const totalKey = codes.totalOf(i, d);
      const total = byKey.get(totalKey);
      if (total === undefined) continue;
      const index = groupIndex[d] as Map<GrainCode, number>;
      let g = index.get(totalKey);
      if (g === undefined) {
        g = groups.push({ total, children: [], next: 0, suppressed: 0 }) - 1;
        index.set(totalKey, g);
        groupsOfRow[total]!.push(g);
      }
      groups[g]!.children.push(i);
      groupsOfRow[i]!.push(g);
    }
  }

  // Ties in size are broken by the grain's text, whatever order the rows came in.
  const texts: (string | undefined)[] = new Array(rows.length);
  const text = (i: number) => (texts[i] ??= grainKey(rows[i] as IndicatorRow, dimensions));
  const size = (i: number) => rows[i]!.n ?? Number.NEGATIVE_INFINITY;
  for (const group of groups) {
    group.children.sort((a, b) => size(a) - size(b) || (text(a) < text(b) ? -1 : 1));
    group.suppressed = (state[group.total] ? 1 : 0) + group.children.filter((i) => state[i]).length;
  }

  const queue = groups.map((_, g) => g);
  const queued = new Uint8Array(groups.length).fill(1);
  for (let head = 0; head < queue.length; head++) {
    const group = groups[queue[head]!]!;
    queued[queue[head]!] = 0;
    if (group.suppressed !== 1) continue;
    while (group.next < group.children.length && state[group.children[group.next]!]) group.next++;
    const complement = group.children[group.next] ?? (state[group.total] ? undefined : group.total);
    if (complement === undefined) continue;
    state[complement] = 2;
    for (const g of groupsOfRow[complement]!) {
      groups[g]!.suppressed++;
      if (!queued[g]) {
        queued[g] = 1;
        queue.push(g);
      }
    }
  }

  const nulled = ['value', 'n', ...metadata.measures.map((m) => m.name)];
  let suppressedPrimary = 0;
  let suppressedComplementary = 0;
  const out = rows.map((row, i): IndicatorRow => {
    if (!state[i]) return { ...row };
    if (state[i] === 1) suppressedPrimary++;
    else suppressedComplementary++;
    const copy: IndicatorRow = { ...row, status: 'C' };
    for (const column of nulled) copy[column] = null;
    return copy;
  });
  return { rows: out, suppressedPrimary, suppressedComplementary };
}

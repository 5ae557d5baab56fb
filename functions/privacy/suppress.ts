import { type GrainCode, type GrainCodes, grainCodes } from '../indicators/grain-codes.js';
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
  /** Child rows, in row order. */
  readonly children: number[];
  /** Suppressed rows among the total and its children. */
  suppressed: number;
}

/**
 * Applies Mirante's privacy rule to copies of an indicator's rows (before publication); the input
 * rows are left as they are. See {@link suppressInPlace} for the rule.
 */
export function suppress(
  rows: readonly IndicatorRow[],
  metadata: Pick<IndicatorMetadata, 'dimensions' | 'measures' | 'min_cell'>,
): SuppressionResult {
  const copies = rows.map((row) => ({ ...row }));
  return { rows: copies, ...suppressInPlace(copies, metadata) };
}

/**
 * Applies Mirante's privacy rule to an indicator's rows (before publication), changing the
 * suppressed rows themselves — for a caller that owns the rows (the engine, whose rows are fresh
 * from the query) and would otherwise pay for a copy of every row.
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
 * (period + dimension values); they keep their order. `knownCodes` are the rows' grain codes when the
 * caller already has them (the declared tests use the same).
 */
export function suppressInPlace(
  rows: IndicatorRow[],
  metadata: Pick<IndicatorMetadata, 'dimensions' | 'measures' | 'min_cell'>,
  knownCodes?: GrainCodes,
): Omit<SuppressionResult, 'rows'> {
  const minCell = metadata.min_cell;
  if (minCell <= 0) return { suppressedPrimary: 0, suppressedComplementary: 0 };
  const { dimensions } = metadata;
  const codes = knownCodes ?? grainCodes(rows, dimensions);
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
  for (let i = 0; i < rows.length; i++) {
    const { n } = rows[i] as IndicatorRow;
    if (n === null || n < minCell) state[i] = 1;
  }

  const groups: TotalGroup[] = [];
  // Per dimension: the code of a total row → its group along that dimension.
  const groupIndex = dimensions.map(() => new Map<GrainCode, number>());
  // The groups of each row, flat: a row is a child in at most one group per dimension and the
  // total of at most one.
  const slots = 2 * dimensions.length;
  const groupsOfRow = new Int32Array(rows.length * slots);
  const groupCount = new Uint8Array(rows.length);
  const join = (row: number, g: number) => {
    groupsOfRow[row * slots + (groupCount[row] as number)] = g;
    groupCount[row]!++;
  };
  for (let i = 0; i < rows.length; i++) {
    for (let d = 0; d < dimensions.length; d++) {
      if (codes.isTotal(i, d)) continue;
      const totalKey = codes.totalOf(i, d);
      const total = byKey.get(totalKey);
      if (total === undefined) continue;
      const index = groupIndex[d] as Map<GrainCode, number>;
      let g = index.get(totalKey);
      if (g === undefined) {
        g = groups.push({ total, children: [], suppressed: state[total] ? 1 : 0 }) - 1;
        index.set(totalKey, g);
        join(total, g);
      }
      const group = groups[g] as TotalGroup;
      group.children.push(i);
      if (state[i]) group.suppressed++;
      join(i, g);
    }
  }

  // The next complement of a group: its published child with the smallest `n`, ties broken by the
  // grain's text (whatever order the rows came in); the total when every child is suppressed.
  // A group needs at most one: its count of suppressed rows only grows, and one more makes two.
  const texts: (string | undefined)[] = new Array(rows.length);
  const text = (i: number) => (texts[i] ??= grainKey(rows[i] as IndicatorRow, dimensions));
  const complementOf = (group: TotalGroup): number | undefined => {
    let best = -1;
    let bestSize = Number.POSITIVE_INFINITY;
    for (const child of group.children) {
      if (state[child]) continue;
      const size = (rows[child] as IndicatorRow).n as number;
      if (best < 0 || size < bestSize || (size === bestSize && text(child) < text(best))) {
        best = child;
        bestSize = size;
      }
    }
    if (best >= 0) return best;
    return state[group.total] ? undefined : group.total;
  };

  const queue = groups.map((_, g) => g);
  const queued = new Uint8Array(groups.length).fill(1);
  for (let head = 0; head < queue.length; head++) {
    const group = groups[queue[head]!]!;
    queued[queue[head]!] = 0;
    if (group.suppressed !== 1) continue;
    const complement = complementOf(group);
    if (complement === undefined) continue;
    state[complement] = 2;
    for (let k = 0; k < (groupCount[complement] as number); k++) {
      const g = groupsOfRow[complement * slots + k] as number;
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
  for (let i = 0; i < rows.length; i++) {
    if (!state[i]) continue;
    if (state[i] === 1) suppressedPrimary++;
    else suppressedComplementary++;
    const row = rows[i] as IndicatorRow;
    row.status = 'C';
    for (const column of nulled) row[column] = null;
  }
  return { suppressedPrimary, suppressedComplementary };
}

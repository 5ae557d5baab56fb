import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorMetadata } from '../../../functions/indicators/indicator-metadata.js';
import { suppress } from '../../../functions/privacy/suppress.js';
import type { IndicatorRow } from '../../../functions/publish/indicator-row.js';

const T = '_T';

interface RandomTable {
  readonly metadata: Pick<IndicatorMetadata, 'dimensions' | 'measures' | 'min_cell'>;
  readonly rows: IndicatorRow[];
}

/** Every subset of a list (the candidate breakdowns of a set of dimensions). */
function subsets<X>(items: readonly X[]): X[][] {
  const all: X[][] = [[]];
  for (const item of items) {
    for (const subset of all.slice()) all.push([...subset, item]);
  }
  return all;
}

/**
 * Random indicator tables: 1–3 dimensions of 1–4 values (one may be `_U`), 1–2 periods, a random
 * non-empty set of breakdowns, micro counts per full cell; each declared breakdown's rows are the
 * sums of the micro counts (empty cells have no row, as with GROUP BY), or — for non-additive
 * indicators — independent random counts.
 */
const randomTable: fc.Arbitrary<RandomTable> = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    withUnknown: fc.boolean(),
    periods: fc.integer({ min: 1, max: 2 }),
    breakdownMask: fc.integer({ min: 1, max: 255 }),
    counts: fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })), {
      minLength: 128,
      maxLength: 128,
    }),
    additive: fc.boolean(),
    minCell: fc.integer({ min: 1, max: 15 }),
  })
  .map(({ sizes, withUnknown, periods, breakdownMask, counts, additive, minCell }) => {
    const dimensions = sizes.map((_, i) => `d${i}`);
    const values = sizes.map((size, i) =>
      Array.from({ length: size }, (_, v) =>
        withUnknown && i === 0 && v === size - 1 ? '_U' : `v${v}`,
      ),
    );
    const all = subsets(dimensions.map((_, i) => i));
    const breakdowns = all.filter((_, b) => breakdownMask & (1 << (b % 8)));
    const chosen = breakdowns.length > 0 ? breakdowns : [all[0]!];

    // Micro cells: every combination of one value per dimension, per period.
    const cells: { period: string; combo: string[]; count: number }[] = [];
    let c = 0;
    for (let p = 0; p < periods; p++) {
      const combos = dimensions.reduce<string[][]>(
        (acc, _, i) => acc.flatMap((prefix) => values[i]!.map((v) => [...prefix, v])),
        [[]],
      );
      for (const combo of combos)
        cells.push({ period: `2024-0${p + 1}`, combo, count: counts[c++ % counts.length]! });
    }

    const rows: IndicatorRow[] = [];
    let salt = 0;
    for (const breakdown of chosen) {
      const sums = new Map<string, { period: string; combo: string[]; n: number }>();
      for (const cell of cells) {
        const combo = cell.combo.map((v, i) => (breakdown.includes(i) ? v : T));
        const key = JSON.stringify([cell.period, combo]);
        const entry = sums.get(key) ?? { period: cell.period, combo, n: 0 };
        entry.n += cell.count;
        sums.set(key, entry);
      }
      for (const { period, combo, n } of sums.values()) {
        const count = additive ? n : counts[(salt++ * 7) % counts.length]!;
        if (count === 0 && additive) continue;
        const row: IndicatorRow = {
          period,
          value: count / 2,
          n: count,
          status: '',
          extra: count * 3,
        };
        dimensions.forEach((d, i) => {
          row[d] = combo[i]!;
        });
        rows.push(row);
      }
    }
    const metadata = {
      dimensions,
      measures: [
        { name: 'value', label: { 'pt-BR': 'v', en: 'v' }, unit: 'count' as const },
        { name: 'extra', label: { 'pt-BR': 'e', en: 'e' }, unit: 'count' as const },
      ],
      min_cell: minCell,
    };
    return { metadata, rows };
  });

/**
 * The groups of a table, found independently of the implementation by brute force: a total row
 * and, for one dimension where it is `_T`, every row of the same period equal to it elsewhere and
 * with a value there.
 */
function groupsOf(rows: readonly IndicatorRow[], dimensions: readonly string[]) {
  const groups: { total: number; children: number[] }[] = [];
  rows.forEach((total, t) => {
    for (const d of dimensions) {
      if (total[d] !== T) continue;
      const children = rows.flatMap((row, i) =>
        row.period === total.period &&
        row[d] !== T &&
        dimensions.every((other) => other === d || row[other] === total[other])
          ? [i]
          : [],
      );
      if (children.length > 0) groups.push({ total: t, children });
    }
  });
  return groups;
}

describe('suppress (property: random tables)', () => {
  it('suppresses every small cell, nulls suppressed rows, keeps published rows, and never leaves a recoverable cell', () => {
    let withComplements = 0;
    fc.assert(
      fc.property(randomTable, ({ metadata, rows }) => {
        const result = suppress(rows, metadata);
        const out = result.rows;
        expect(out).toHaveLength(rows.length);
        const isSuppressed = out.map((row) => row.status === 'C');

        rows.forEach((row, i) => {
          const after = out[i]!;
          // Primary: every cell below min_cell is suppressed.
          if (row.n !== null && row.n < metadata.min_cell) expect(isSuppressed[i]).toBe(true);
          if (isSuppressed[i]) {
            expect(after).toEqual({ ...row, value: null, n: null, extra: null, status: 'C' });
          } else {
            expect(after).toEqual(row);
          }
        });

        for (const group of groupsOf(rows, metadata.dimensions)) {
          const suppressedChildren = group.children.filter((i) => isSuppressed[i]).length;
          if (!isSuppressed[group.total]) {
            // Property 1: with a published total, no cell or at least two cells are suppressed.
            expect(suppressedChildren === 0 || suppressedChildren >= 2).toBe(true);
            // Property 2: no suppressed child equals the total minus published children — every
            // suppressed child has another suppressed child beside it.
            for (const i of group.children) {
              if (isSuppressed[i]) {
                expect(group.children.some((j) => j !== i && isSuppressed[j])).toBe(true);
              }
            }
          } else {
            // A suppressed total is never the sum of published children.
            expect(suppressedChildren).toBeGreaterThanOrEqual(1);
          }
        }

        const primary = rows.filter((row) => row.n !== null && row.n < metadata.min_cell).length;
        expect(result.suppressedPrimary).toBe(primary);
        expect(result.suppressedComplementary).toBe(isSuppressed.filter(Boolean).length - primary);
        if (result.suppressedComplementary > 0) withComplements++;
      }),
      { numRuns: 1000 },
    );
    // The generator really exercises complementary suppression.
    expect(withComplements).toBeGreaterThan(100);
  });
});

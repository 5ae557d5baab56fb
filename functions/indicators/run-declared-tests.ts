import { type IndicatorRow, TOTAL, UNKNOWN } from '../publish/indicator-row.js';
import type { DimensionRegistry } from './dimension-registry.js';
import { type GrainCode, type GrainCodes, grainCodes } from './grain-codes.js';
import type { IndicatorMetadata } from './indicator-metadata.js';

/** One declared test that did not pass, with how many rows broke it and a few examples. */
export interface DeclaredTestFailure {
  /** `range`, `not_null`, `unique_grain`, or `known_values` (the registry check). */
  readonly test: string;
  readonly column?: string;
  readonly message: string;
  readonly failingRows: number;
  /** Up to three offending rows. */
  readonly examples: readonly IndicatorRow[];
}

const MAX_EXAMPLES = 3;

/**
 * Runs an indicator's declared tests over its rows and returns the failures (empty when all
 * pass): `range` (non-null values within `min`/`max`), `not_null` (suppressed rows, status `C`,
 * are exempt) and `unique_grain` (one row per period and dimension values). When a registry is
 * given, also checks that every value of a dimension with fixed values is one of them, `_T` or
 * `_U` (`known_values`). `knownCodes` are the rows' grain codes when the caller already has them.
 */
export function runDeclaredTests(
  rows: readonly IndicatorRow[],
  metadata: Pick<IndicatorMetadata, 'dimensions' | 'tests'>,
  registry?: DimensionRegistry,
  knownCodes?: GrainCodes,
): DeclaredTestFailure[] {
  const failures: DeclaredTestFailure[] = [];
  const report = (
    test: string,
    column: string | undefined,
    message: string,
    bad: IndicatorRow[],
  ) => {
    if (bad.length === 0) return;
    failures.push({
      test,
      ...(column === undefined ? {} : { column }),
      message: `${message} (${bad.length} row${bad.length === 1 ? '' : 's'})`,
      failingRows: bad.length,
      examples: bad.slice(0, MAX_EXAMPLES),
    });
  };

  for (const test of metadata.tests) {
    if (test.test === 'range') {
      const bad = rows.filter((row) => {
        const value = row[test.column];
        if (value === null || value === undefined) return false;
        if (typeof value !== 'number') return true;
        return (
          (test.min !== undefined && value < test.min) ||
          (test.max !== undefined && value > test.max)
        );
      });
      report(
        'range',
        test.column,
        `${test.column} outside [${test.min ?? '-∞'}, ${test.max ?? '∞'}]`,
        bad,
      );
    } else if (test.test === 'not_null') {
      const bad = rows.filter((row) => row.status !== 'C' && (row[test.column] ?? null) === null);
      report('not_null', test.column, `${test.column} is null in an unsuppressed row`, bad);
    } else {
      const codes = knownCodes ?? grainCodes(rows, metadata.dimensions);
      const seen = new Set<GrainCode>();
      const bad = rows.filter((_, i) => {
        const key = codes.of(i);
        if (seen.has(key)) return true;
        seen.add(key);
        return false;
      });
      report(
        'unique_grain',
        undefined,
        'more than one row for the same period and dimension values',
        bad,
      );
    }
  }

  if (registry) {
    for (const dimension of metadata.dimensions) {
      const values = registry.dimensions[dimension]?.values;
      if (!values) continue;
      const bad = rows.filter((row) => {
        const value = String(row[dimension]);
        return value !== TOTAL && value !== UNKNOWN && !Object.hasOwn(values, value);
      });
      report(
        'known_values',
        dimension,
        `${dimension} has a value that is not in the dimension registry`,
        bad,
      );
    }
  }
  return failures;
}

import type { DuckDBConnection } from '@duckdb/node-api';
import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import { grainCodes } from '../indicators/grain-codes.js';
import type { IndicatorDefinition } from '../indicators/indicator-metadata.js';
import { runDeclaredTests } from '../indicators/run-declared-tests.js';
import {
  type IndicatorQueryResult,
  indicatorRows,
  queryIndicator,
} from '../indicators/run-indicator-sql.js';
import { suppressInPlace } from '../privacy/suppress.js';
import type { IndicatorRow } from '../publish/indicator-row.js';
import { undeclaredSources } from './undeclared-sources.js';

/** The rows of one indicator after its SQL, its declared tests and the privacy rules. */
export interface EvaluatedIndicator {
  readonly rows: IndicatorRow[];
  readonly suppressedPrimary: number;
  readonly suppressedComplementary: number;
}

/** Thrown when an indicator's declared tests fail; its previous version stays published. */
export class DeclaredTestsFailed extends Error {
  override name = 'DeclaredTestsFailed';
  constructor(
    readonly indicatorId: string,
    readonly failures: readonly string[],
  ) {
    super(`${indicatorId}: declared tests failed: ${failures.join('; ')}`);
  }
}

/**
 * Evaluating an indicator, first half (DuckDB): checks that its SQL reads only its declared
 * sources, runs it over the lake views and reads the whole result. Throws when either fails.
 */
export async function queryCheckedIndicator(
  conn: DuckDBConnection,
  definition: IndicatorDefinition,
): Promise<IndicatorQueryResult> {
  const undeclared = await undeclaredSources(conn, definition);
  if (undeclared.length > 0) {
    throw new Error(
      `${definition.metadata.id}: the SQL reads ${undeclared.join(', ')}, missing from sources`,
    );
  }
  return queryIndicator(conn, definition);
}

/**
 * Evaluating an indicator, second half (JavaScript): the result rows, their declared tests —
 * and, given the registry, the known values of fixed dimensions (`service_id` is dynamic and not
 * checked) — then the privacy rules (primary and complementary suppression) and `p` on the
 * current, incomplete month. Suppression happens here, before any API, CSV or chart sees the
 * rows. Throws {@link DeclaredTestsFailed} or an `IndicatorSqlError`.
 */
export function checkIndicator(
  result: IndicatorQueryResult,
  definition: IndicatorDefinition,
  currentPeriod: string,
  registry?: DimensionRegistry,
): EvaluatedIndicator {
  const { metadata } = definition;
  const rows = indicatorRows(result, definition);
  // The grain codes, built once for the unique-grain test and suppression when either needs them.
  const codes =
    metadata.min_cell > 0 || metadata.tests.some((t) => t.test === 'unique_grain')
      ? grainCodes(rows, metadata.dimensions)
      : undefined;
  const failures = runDeclaredTests(rows, metadata, registry, codes);
  if (failures.length > 0) {
    throw new DeclaredTestsFailed(
      metadata.id,
      failures.map((f) => f.message),
    );
  }
  // The rows are fresh from the query and this function's own: suppressed and marked in place.
  const suppressed = suppressInPlace(rows, metadata, codes);
  for (const row of rows) if (row.status !== 'C' && row.period === currentPeriod) row.status = 'p';
  return { rows, ...suppressed };
}

import type { DuckDBConnection } from '@duckdb/node-api';
import type { IndicatorDefinition } from '../indicators/indicator-metadata.js';
import type { IndicatorRow } from '../publish/indicator-row.js';

/** The rows of one indicator after its SQL, its declared tests and the privacy rules. */
export interface EvaluatedIndicator {
  readonly rows: IndicatorRow[];
  readonly suppressedPrimary: number;
  readonly suppressedComplementary: number;
}

/** Thrown when an indicator's declared tests fail; the previous version stays published. */
export class DeclaredTestFailure extends Error {
  override name = 'DeclaredTestFailure';
  constructor(
    readonly indicatorId: string,
    readonly failures: readonly string[],
  ) {
    super(`${indicatorId}: declared tests failed: ${failures.join('; ')}`);
  }
}

/**
 * Runs an indicator's SQL over the lake views, checks its declared tests, applies the privacy
 * rules (primary and complementary suppression) and marks the current, incomplete month `p`.
 */
export async function evaluateIndicator(
  conn: DuckDBConnection,
  definition: IndicatorDefinition,
  currentPeriod: string,
): Promise<EvaluatedIndicator> {
  const reader = await conn.runAndReadAll(definition.sql);
  const metadata = definition.metadata;
  const dims = metadata.dimensions;
  const extras = metadata.measures.map((m) => m.name).filter((n) => n !== 'value');
  const rows: IndicatorRow[] = reader.getRowObjects().map((raw) => {
    const row: Record<string, string | number | null> = { period: String(raw.period) };
    for (const d of dims) row[d] = raw[d] === null || raw[d] === undefined ? '_T' : String(raw[d]);
    row.value = toNumber(raw.value);
    row.n = toNumber(raw.n);
    row.status = '';
    for (const e of extras) row[e] = toNumber(raw[e]);
    return row as IndicatorRow;
  });
  let suppressedPrimary = 0;
  for (const row of rows) {
    if (row.n !== null && row.n < metadata.min_cell) {
      row.value = null;
      row.n = null;
      for (const e of extras) row[e] = null;
      row.status = 'C';
      suppressedPrimary++;
    } else if (row.period === currentPeriod) {
      row.status = 'p';
    }
  }
  return { rows, suppressedPrimary, suppressedComplementary: 0 };
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

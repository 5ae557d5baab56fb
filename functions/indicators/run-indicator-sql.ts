import { type DuckDBConnection, DuckDBDecimalValue, type DuckDBValue } from '@duckdb/node-api';
import { type IndicatorRow, TOTAL } from '../publish/indicator-row.js';
import { rowColumns } from '../publish/row-columns.js';
import { PERIOD_PATTERN } from '../shared/period.js';
import type { IndicatorDefinition } from './indicator-metadata.js';
import { IndicatorSqlError } from './indicator-sql-error.js';
import { sortResultRows } from './sort-result-rows.js';

/**
 * Runs one indicator's SQL on a DuckDB connection where the dataset views exist and returns its
 * result rows (DESIGN.md "Result rows"), before suppression: every declared dimension on every
 * row (`NULL` from a grouping set becomes `_T`), `value`, `n` and the extra measures as JS
 * numbers (BIGINT/HUGEINT/DECIMAL converted), `status` `""`, keys in the published column order,
 * rows in the published order. Throws {@link IndicatorSqlError} when the SQL fails or its output
 * breaks the contract: a missing or undeclared column, a period that is not `YYYY-MM`, a
 * non-text dimension, a non-finite or non-numeric measure, a null or negative `n`, or a row whose
 * breakdown is not one of the declared ones.
 */
export async function runIndicatorSql(
  connection: DuckDBConnection,
  definition: Pick<IndicatorDefinition, 'metadata' | 'sql'>,
): Promise<IndicatorRow[]> {
  return indicatorRows(await queryIndicator(connection, definition), definition);
}

/** An indicator's raw DuckDB result, read in full (the connection is free again). */
export type IndicatorQueryResult = Awaited<ReturnType<DuckDBConnection['runAndReadAll']>>;

/**
 * Runs an indicator's SQL and reads its whole result (the DuckDB half of
 * {@link runIndicatorSql}); throws {@link IndicatorSqlError} when the query fails.
 */
export async function queryIndicator(
  connection: DuckDBConnection,
  definition: Pick<IndicatorDefinition, 'metadata' | 'sql'>,
): Promise<IndicatorQueryResult> {
  try {
    return await connection.runAndReadAll(definition.sql);
  } catch (error) {
    throw new IndicatorSqlError(
      definition.metadata.id,
      `the query failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * The result rows of an indicator's query result (the JavaScript half of
 * {@link runIndicatorSql}): checks the output contract and converts, orders and names the rows.
 */
export function indicatorRows(
  reader: IndicatorQueryResult,
  definition: Pick<IndicatorDefinition, 'metadata'>,
): IndicatorRow[] {
  const { metadata } = definition;
  const fail = (detail: string): never => {
    throw new IndicatorSqlError(metadata.id, detail);
  };

  const names = reader.columnNames();
  const expected = rowColumns(metadata).filter((column) => column !== 'status');
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (index.has(name)) fail(`returns the column "${name}" twice`);
    index.set(name, i);
  });
  const missing = expected.filter((column) => !index.has(column));
  if (missing.length > 0) fail(`returns no column ${missing.map((c) => `"${c}"`).join(', ')}`);
  const extra = names.filter((name) => !expected.includes(name));
  if (extra.length > 0) {
    fail(
      `returns undeclared column ${extra.map((c) => `"${c}"`).join(', ')} (declare it as a measure or dimension)`,
    );
  }

  const extras = metadata.measures.map((m) => m.name).filter((name) => name !== 'value');
  const { dimensions } = metadata;
  // A breakdown as a bit mask over the declared dimensions → its rank in `breakdowns`.
  const maskOf = (breakdown: readonly string[]) =>
    breakdown.reduce((mask, d) => mask | (1 << dimensions.indexOf(d)), 0);
  const declared = new Map<number, number>();
  metadata.breakdowns.forEach((b, i) => {
    if (!declared.has(maskOf(b))) declared.set(maskOf(b), i);
  });
  // Column-wise: one array per column rather than one per row.
  const columns = reader.getColumns();
  const column = (name: string) => columns[index.get(name) as number] as DuckDBValue[];
  const periods = column('period');
  const dimensionValues = dimensions.map(column);
  const values = column('value');
  const counts = column('n');
  const extraValues = extras.map(column);
  const measure = (name: string, raw: DuckDBValue | undefined, r: number): number | null => {
    const converted = toNumber(raw ?? null);
    if (converted === undefined) {
      fail(`row ${r + 1}: "${name}" is ${describe(raw ?? null)}, not a finite number`);
    }
    return converted ?? null;
  };
  const ranks: number[] = new Array(reader.currentRowCount);
  const rows: IndicatorRow[] = new Array(reader.currentRowCount);

  for (let r = 0; r < reader.currentRowCount; r++) {
    const period = periods[r] ?? null;
    if (typeof period !== 'string' || !PERIOD_PATTERN.test(period)) {
      fail(`row ${r + 1}: period ${describe(period)} is not a YYYY-MM month`);
    }
    const row: Record<string, string | number | null> = { period: period as string };
    let mask = 0;
    for (let d = 0; d < dimensions.length; d++) {
      const dimension = dimensions[d] as string;
      const value = (dimensionValues[d] as DuckDBValue[])[r] ?? null;
      if (value === null) {
        row[dimension] = TOTAL;
        continue;
      }
      if (typeof value !== 'string' || value === '') {
        fail(
          `row ${r + 1}: dimension "${dimension}" is ${describe(value)}; dimensions must be non-empty text (cast in the SQL)`,
        );
      }
      row[dimension] = value as string;
      if (value !== TOTAL) mask |= 1 << d;
    }
    const rank = declared.get(mask);
    if (rank === undefined) {
      const inBreakdown = dimensions.filter((_, d) => mask & (1 << d));
      fail(
        `row ${r + 1} (period ${period}) has the breakdown [${inBreakdown.join(', ')}], which is not declared in breakdowns`,
      );
    }
    ranks[r] = rank as number;
    row.value = measure('value', values[r], r);
    const n = measure('n', counts[r], r);
    if (n === null || n < 0) {
      fail(`row ${r + 1}: n is ${describe(n)}; n must be a count ≥ 0 (coalesce it in the SQL)`);
    }
    row.n = n;
    row.status = '';
    for (let e = 0; e < extras.length; e++) {
      row[extras[e] as string] = measure(
        extras[e] as string,
        (extraValues[e] as DuckDBValue[])[r],
        r,
      );
    }
    rows[r] = row as IndicatorRow;
  }

  return sortResultRows(rows, ranks, metadata.dimensions);
}

const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE_BIGINT = BigInt(Number.MIN_SAFE_INTEGER);

/** A DuckDB value as a JS number; `null` stays `null`; `undefined` when it isn't a finite number. */
function toNumber(value: DuckDBValue): number | null | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value === null) return null;
  let number: number | undefined;
  if (typeof value === 'bigint') {
    number = value <= MAX_SAFE_BIGINT && value >= MIN_SAFE_BIGINT ? Number(value) : undefined;
  } else if (value instanceof DuckDBDecimalValue) number = value.toDouble();
  return number !== undefined && Number.isFinite(number) ? number : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return `a ${value?.constructor?.name ?? typeof value} value`;
}

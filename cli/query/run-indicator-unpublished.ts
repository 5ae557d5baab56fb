import { BOOLEAN, DOUBLE, VARCHAR } from '@duckdb/node-api';
import type { DimensionRegistry } from '../../functions/indicators/dimension-registry.js';
import type { IndicatorDefinition } from '../../functions/indicators/indicator-metadata.js';
import { IndicatorSqlError } from '../../functions/indicators/indicator-sql-error.js';
import { runDeclaredTests } from '../../functions/indicators/run-declared-tests.js';
import { runIndicatorSql } from '../../functions/indicators/run-indicator-sql.js';
import { suppress } from '../../functions/privacy/suppress.js';
import { rowColumns } from '../../functions/publish/row-columns.js';
import { explainQueryError } from './explain-query-error.js';
import { QueryError, QueryTimeoutError } from './query-error.js';
import type { QuerySession } from './query-session.js';
import { type ResultSink, rowsBatch } from './result-sink.js';
import { prepareReadStatement } from './statement-guard.js';

/** The extra column `indicators run` adds: whether the privacy rules would suppress the row. */
export const WOULD_SUPPRESS = 'would_suppress';

/** What an unpublished run found besides its rows. */
export interface UnpublishedRun {
  readonly rowCount: number;
  /** Rows the privacy rules would suppress (primary and complementary). */
  readonly wouldSuppress: number;
  /** Declared tests that fail on these rows. */
  readonly testFailures: readonly string[];
}

/**
 * Runs one indicator's SQL in the sandbox, as the compute step would but before the privacy rules:
 * the SQL must pass the sandbox's statement check, then the engine's own runner maps it to result
 * rows (`_T` totals, published column order). Every row keeps its value; a last column
 * `would_suppress` marks the rows primary or complementary suppression would blank, and declared
 * tests are reported. The statement timeout interrupts the query.
 */
export async function runIndicatorUnpublished(
  session: QuerySession,
  definition: IndicatorDefinition,
  sink: ResultSink,
  options: { readonly timeoutMs: number; readonly registry?: DimensionRegistry },
): Promise<UnpublishedRun> {
  const { connection } = session.sandbox;
  const { metadata } = definition;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, options.timeoutMs);
  let rows: Awaited<ReturnType<typeof runIndicatorSql>>;
  try {
    (await prepareReadStatement(connection, definition.sql)).destroySync();
    rows = await runIndicatorSql(connection, definition);
  } catch (error) {
    if (timedOut) {
      throw new QueryTimeoutError(
        `${metadata.id} ran longer than ${options.timeoutMs / 1000} s and was stopped (raise it with --timeout SECONDS).`,
      );
    }
    if (error instanceof IndicatorSqlError) throw new QueryError(error.message);
    throw explainQueryError(error, { views: session.views, lakeDir: session.sandbox.lakeDir });
  } finally {
    clearTimeout(timer);
  }
  const suppressed = suppress(rows, metadata).rows;
  const columns = rowColumns(metadata);
  const measures = new Set(['value', 'n', ...metadata.measures.map((m) => m.name)]);
  await sink.start([
    ...columns.map((name) => ({ name, key: name, type: measures.has(name) ? DOUBLE : VARCHAR })),
    { name: WOULD_SUPPRESS, key: WOULD_SUPPRESS, type: BOOLEAN },
  ]);
  try {
    await sink.write(
      rowsBatch(
        rows.map((row, i) => [
          ...columns.map((c) => row[c] ?? null),
          suppressed[i]?.status === 'C',
        ]),
      ),
    );
    await sink.end();
  } catch (error) {
    await sink.abort();
    throw error;
  }
  return {
    rowCount: rows.length,
    wouldSuppress: suppressed.filter((r) => r.status === 'C').length,
    testFailures: runDeclaredTests(rows, metadata, options.registry).map((f) => f.message),
  };
}

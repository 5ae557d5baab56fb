import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { QueryError, QueryTimeoutError } from './query-error.js';
import type { ResultColumn, ResultSink } from './result-sink.js';
import { prepareReadStatement } from './statement-guard.js';

/** Options of {@link runReadQuery}. */
export interface RunReadQueryOptions {
  /** Stop the query (interrupt) after this long; the connection stays usable. */
  readonly timeoutMs: number;
  readonly sink: ResultSink;
  /** Aborting interrupts the query too (Ctrl-C in the interactive prompt). */
  readonly signal?: AbortSignal;
}

/** What a query returned. */
export interface RunReadQueryResult {
  readonly columns: readonly ResultColumn[];
  readonly rowCount: number;
  readonly elapsedMs: number;
}

/**
 * Runs one analyst statement in the sandbox: it must pass `prepareReadStatement` (a single read
 * statement), then its result streams chunk by chunk into the sink. A timer interrupts the
 * connection after `timeoutMs` (DuckDB has no statement timeout setting), which fails the query
 * within milliseconds; the sink is aborted on any failure (even before it started) so nothing
 * partial is left.
 */
export async function runReadQuery(
  connection: DuckDBConnection,
  sql: string,
  options: RunReadQueryOptions,
): Promise<RunReadQueryResult> {
  const started = performance.now();
  let stopped: 'timeout' | 'cancelled' | undefined;
  const stop = (why: 'timeout' | 'cancelled') => {
    stopped ??= why;
    connection.interrupt();
  };
  const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
  const onAbort = () => stop('cancelled');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let prepared: DuckDBPreparedStatement | undefined;
  try {
    if (options.signal?.aborted) throw new QueryError('Query cancelled.');
    prepared = await prepareReadStatement(connection, sql);
    const result = await prepared.stream();
    const names = result.columnNames();
    const keys = result.deduplicatedColumnNames();
    const columns = result.columnTypes().map((type, i) => ({
      name: names[i] ?? `column${i}`,
      key: keys[i] ?? `column${i}`,
      type,
    }));
    await options.sink.start(columns);
    let rowCount = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      rowCount += chunk.rowCount;
      await options.sink.write({ rowCount: chunk.rowCount, rows: () => chunk.getRows(), chunk });
    }
    clearTimeout(timer);
    await options.sink.end();
    return { columns, rowCount, elapsedMs: performance.now() - started };
  } catch (error) {
    await options.sink.abort().catch(() => undefined);
    if (stopped === 'timeout') {
      throw new QueryTimeoutError(
        `The query ran longer than ${formatSeconds(options.timeoutMs)} and was stopped. Narrow it (a WHERE on month, fewer columns) or raise the limit with --timeout SECONDS.`,
      );
    }
    if (stopped === 'cancelled') throw new QueryError('Query cancelled.');
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    prepared?.destroySync();
  }
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

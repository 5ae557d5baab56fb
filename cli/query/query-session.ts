import { ensureCatalog } from './build-catalog.js';
import type { CatalogView } from './catalog-info.js';
import { explainQueryError } from './explain-query-error.js';
import { openSandbox, type Sandbox, type SandboxLimits } from './open-sandbox.js';
import { QueryError } from './query-error.js';
import type { ResultSink } from './result-sink.js';
import { type RunReadQueryResult, runReadQuery } from './run-read-query.js';
import { sandboxIntegrityProblem } from './sandbox-integrity.js';

/** Options of {@link openQuerySession}. */
export interface QuerySessionOptions extends SandboxLimits {
  readonly lakeDir: string;
  readonly stateDir: string;
  /** Default statement timeout. */
  readonly timeoutMs: number;
}

/** An open analyst session: the sandbox and its views. */
export interface QuerySession {
  readonly sandbox: Sandbox;
  readonly views: readonly CatalogView[];
  /** True when this session wrote a new catalog file (the one-time view setup). */
  readonly catalogBuilt: boolean;
  /** Time spent building or finding the catalog and opening the sandbox. */
  readonly setupMs: number;
  /**
   * Runs one statement (see `runReadQuery`); DuckDB errors come back as {@link QueryError}s with
   * the closest view and column names suggested. After every statement the sandbox's integrity is
   * checked again (no temporary objects, nothing attached, settings locked); if it broke, the
   * session closes.
   */
  run(
    sql: string,
    sink: ResultSink,
    options?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<RunReadQueryResult>;
  close(): void;
}

/**
 * Opens a session over a lake copy: finds or builds the catalog file (writable, outside the
 * sandbox), then opens the sandbox on it read-only.
 */
export async function openQuerySession(options: QuerySessionOptions): Promise<QuerySession> {
  const started = performance.now();
  const catalog = await ensureCatalog({ lakeDir: options.lakeDir, stateDir: options.stateDir });
  const sandbox = await openSandbox(catalog.file, catalog.info.lakeDir, options);
  const views = catalog.info.views;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    sandbox.close();
  };
  return {
    sandbox,
    views,
    catalogBuilt: catalog.built,
    setupMs: performance.now() - started,
    async run(sql, sink, runOptions = {}) {
      if (closed) throw new QueryError('This session is closed.');
      try {
        return await runReadQuery(sandbox.connection, sql, {
          sink,
          timeoutMs: runOptions.timeoutMs ?? options.timeoutMs,
          ...(runOptions.signal ? { signal: runOptions.signal } : {}),
        });
      } catch (error) {
        throw explainQueryError(error, { views, lakeDir: sandbox.lakeDir });
      } finally {
        const problem = await sandboxIntegrityProblem(sandbox.connection).catch(
          (error: unknown) =>
            `the check failed (${error instanceof Error ? error.message : String(error)})`,
        );
        if (problem) {
          close();
          // biome-ignore lint/correctness/noUnsafeFinally: a broken sandbox must stop the session whatever the statement did
          throw new QueryError(
            `The sandbox found its catalog changed after this statement (${problem}) and closed the session. Please report the statement to the Mirante maintainers.`,
          );
        }
      }
    },
    close,
  };
}

/** Whether the lake copy holds no data at all (no dataset file and no published indicator). */
export function isEmptyLake(views: readonly CatalogView[]): boolean {
  return views.every((v) => v.empty);
}

/** The error for an empty lake copy: how to seed the local stack or sync a deployed lake. */
export function emptyLakeError(label: string): QueryError {
  return new QueryError(
    [
      `The lake copy at ${label} is empty: there is nothing to query yet.`,
      'To get data:',
      '  • run the demo city locally: npm start (seeds it on first start; leave it running), then query again;',
      '  • or, without the server: npx mirante seed && npx mirante export && npx mirante compute;',
      '  • or query a deployed lake: npx mirante query --lake s3://<lake-bucket>/ "SELECT …".',
    ].join('\n'),
  );
}

import type { DuckDBValue } from '@duckdb/node-api';
import type { ResultColumn, ResultSink } from '../../../cli/query/result-sink.js';

/** A sink that keeps the result in memory, for assertions. */
export interface CollectSink extends ResultSink {
  readonly columns: ResultColumn[];
  readonly rows: DuckDBValue[][];
  readonly state: { started: boolean; ended: boolean; aborted: boolean };
}

/** Creates a {@link CollectSink}. */
export function collectSink(): CollectSink {
  const columns: ResultColumn[] = [];
  const rows: DuckDBValue[][] = [];
  const state = { started: false, ended: false, aborted: false };
  return {
    columns,
    rows,
    state,
    async start(cols) {
      state.started = true;
      columns.push(...cols);
    },
    async write(batch) {
      rows.push(...batch.rows());
    },
    async end() {
      state.ended = true;
    },
    async abort() {
      state.aborted = true;
    },
  };
}

import type { DuckDBDataChunk, DuckDBType, DuckDBValue } from '@duckdb/node-api';

/** A column of a query result. */
export interface ResultColumn {
  /** Name as the query returned it (may repeat). */
  readonly name: string;
  /** Unique name (DuckDB's deduplication: `a`, `a_1`), for JSON keys and Parquet columns. */
  readonly key: string;
  readonly type: DuckDBType;
}

/** A batch of result rows, with the DuckDB chunk they came from when there is one. */
export interface ResultBatch {
  readonly rowCount: number;
  rows(): DuckDBValue[][];
  /** Present for rows streamed from DuckDB; the Parquet writer appends it whole. */
  readonly chunk?: DuckDBDataChunk;
}

/** Where a result goes: a table on the terminal, CSV, JSON or a Parquet file. */
export interface ResultSink {
  start(columns: readonly ResultColumn[]): Promise<void>;
  write(batch: ResultBatch): Promise<void>;
  /** Completes the output (flushes, renames a file into place). */
  end(): Promise<void>;
  /** Abandons the output after a failure (also before `start`): nothing partial is left behind. */
  abort(): Promise<void>;
}

/** A batch of plain rows (values already in JS). */
export function rowsBatch(rows: DuckDBValue[][]): ResultBatch {
  return { rowCount: rows.length, rows: () => rows };
}

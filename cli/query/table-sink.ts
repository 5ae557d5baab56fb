import { DuckDBTypeId } from '@duckdb/node-api';
import { renderTable, type TableLayout } from './format-table.js';
import { displayValue } from './format-value.js';
import type { ResultColumn, ResultSink } from './result-sink.js';
import type { TextOutput } from './text-output.js';

const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.BIGNUM,
]);

/** Options of {@link createTableSink}. */
export interface TableSinkOptions extends TableLayout {
  /** Rows shown before the rest is only counted (unlimited when undefined). */
  readonly maxRows?: number | undefined;
}

/**
 * A result as an aligned table (the default on a terminal): the first `maxRows` rows are shown,
 * the rest counted, and a last line says how many rows there were.
 */
export function createTableSink(output: TextOutput, options: TableSinkOptions = {}): ResultSink {
  let columns: readonly ResultColumn[] = [];
  const shown: string[][] = [];
  let total = 0;
  return {
    async start(cols) {
      columns = cols;
    },
    async write(batch) {
      const room = options.maxRows === undefined ? Infinity : options.maxRows - shown.length;
      if (room > 0) {
        for (const row of batch.rows().slice(0, room)) shown.push(row.map(displayValue));
      }
      total += batch.rowCount;
    },
    async end() {
      const lines = renderTable(
        columns.map((c) => ({
          name: c.name,
          type: c.type.toString(),
          numeric: NUMERIC.has(c.type.typeId),
        })),
        shown,
        options,
      );
      const count = `${total.toLocaleString('en-US')} row${total === 1 ? '' : 's'}`;
      lines.push(
        shown.length < total
          ? `${count}, first ${shown.length.toLocaleString('en-US')} shown (use --format csv or --out FILE for all)`
          : count,
      );
      await output.write(`${lines.join('\n')}\n`);
      await output.end();
    },
    abort: () => output.abort(),
  };
}

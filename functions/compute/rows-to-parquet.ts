import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BIGINT,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { IndicatorMetadata } from '../indicators/indicator-metadata.js';
import type { IndicatorRow } from '../publish/indicator-row.js';
import { rowColumns } from '../publish/row-columns.js';
import { sqlIdentifier, sqlString } from './sql-text.js';

/** Rows per appended data chunk: DuckDB's standard vector size. */
const CHUNK_ROWS = 2048;

/** The DuckDB types a result column can have. */
const DUCKDB_TYPES: Record<'VARCHAR' | 'BIGINT' | 'DOUBLE', DuckDBType> = {
  VARCHAR,
  BIGINT,
  DOUBLE,
};

/** DuckDB type of a result column: text for period, dimensions and status; n a count; else DOUBLE. */
function columnType(
  column: string,
  metadata: Pick<IndicatorMetadata, 'dimensions'>,
): keyof typeof DUCKDB_TYPES {
  if (column === 'period' || column === 'status' || metadata.dimensions.includes(column)) {
    return 'VARCHAR';
  }
  return column === 'n' ? 'BIGINT' : 'DOUBLE';
}

/**
 * The Parquet (zstd) bytes of an indicator's published rows, written by DuckDB: the rows are bulk
 * loaded with the appender into a scratch table (`_publish_<name>`) and copied to a file in
 * `scratchDir`. Columns in
 * the published order (`rowColumns`), rows in the given order; the same rows give the same bytes.
 */
export async function rowsToParquet(
  connection: DuckDBConnection,
  metadata: Pick<IndicatorMetadata, 'dimensions' | 'measures'>,
  rows: readonly IndicatorRow[],
  scratchDir: string,
  name = 'rows',
): Promise<Uint8Array> {
  const table = sqlIdentifier(`_publish_${name}`);
  const columns = rowColumns(metadata).map((column) => ({
    name: column,
    type: columnType(column, metadata),
  }));
  await connection.run(
    `CREATE OR REPLACE TABLE ${table} (${columns.map((c) => `${sqlIdentifier(c.name)} ${c.type}`).join(', ')})`,
  );
  const path = join(scratchDir, `publish-${name}.parquet`);
  try {
    const appender = await connection.createAppender(`_publish_${name}`);
    // Column-wise data chunks (DuckDB's vector size) rather than one native call per value.
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const slice = rows.slice(start, start + CHUNK_ROWS);
      const chunk = DuckDBDataChunk.create(
        columns.map((c) => DUCKDB_TYPES[c.type]),
        slice.length,
      );
      columns.forEach(({ name: column, type }, c) => {
        chunk.setColumnValues(
          c,
          slice.map((row): DuckDBValue => {
            const value = row[column] ?? null;
            if (value === null) return null;
            if (type === 'VARCHAR') return String(value);
            if (type === 'BIGINT') return BigInt(Math.round(Number(value)));
            return Number(value);
          }),
        );
      });
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    await connection.run(`COPY ${table} TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`);
    return new Uint8Array(await readFile(path));
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${table}`);
    await rm(path, { force: true });
  }
}

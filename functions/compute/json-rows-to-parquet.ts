import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { IndicatorMetadata } from '../indicators/indicator-metadata.js';
import { rowColumns } from '../publish/row-columns.js';
import { sqlIdentifier, sqlString } from './sql-text.js';

/** DuckDB type of a result column: text for period, dimensions and status; n a count; else DOUBLE. */
function columnType(column: string, metadata: Pick<IndicatorMetadata, 'dimensions'>): string {
  if (column === 'period' || column === 'status' || metadata.dimensions.includes(column)) {
    return 'VARCHAR';
  }
  return column === 'n' ? 'BIGINT' : 'DOUBLE';
}

/**
 * The Parquet (zstd) bytes of an indicator's published rows, written by DuckDB from the JSON
 * array the publication already serialised (`buildIndicatorPublication`'s `dataJson`): the text
 * goes to a scratch file in `scratchDir` that DuckDB's JSON reader parses natively — cheaper than
 * handing the rows to DuckDB value by value from JavaScript. Columns in the published order
 * (`rowColumns`) with fixed types, rows in the array's order; JSON numbers read back as the same
 * doubles, so the file holds exactly the JSON's figures, and the same rows give the same bytes.
 */
export async function jsonRowsToParquet(
  connection: DuckDBConnection,
  metadata: Pick<IndicatorMetadata, 'dimensions' | 'measures'>,
  dataJson: string | Uint8Array,
  scratchDir: string,
  name = 'rows',
): Promise<Uint8Array> {
  const columns = rowColumns(metadata);
  const struct = columns
    .map((column) => `${sqlString(column)}: ${sqlString(columnType(column, metadata))}`)
    .join(', ');
  const jsonPath = join(scratchDir, `publish-${name}.json`);
  const parquetPath = join(scratchDir, `publish-${name}.parquet`);
  try {
    await writeFile(jsonPath, dataJson);
    await connection.run(
      `COPY (SELECT ${columns.map(sqlIdentifier).join(', ')} FROM read_json(${sqlString(jsonPath)}, ` +
        `format = 'array', records = true, columns = {${struct}})) ` +
        `TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    return new Uint8Array(await readFile(parquetPath));
  } finally {
    await rm(jsonPath, { force: true });
    await rm(parquetPath, { force: true });
  }
}

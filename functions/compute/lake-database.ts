import type { DuckDBConnection } from '@duckdb/node-api';
import { LAKE_DATASETS, type LakeColumn } from '../lake/lake-columns.js';
import { sqlIdentifier, sqlStringList } from './sql-text.js';

/**
 * Creates one view per lake dataset (`feedback`, `services`, `wifi_hotspots`, …) over the local
 * copies of its curated Parquet files, with the contract's columns in order and cast to their
 * types. A dataset without files gets an empty table with the same columns and types, so an
 * indicator over it returns no rows instead of failing.
 */
export async function createDatasetViews(
  connection: DuckDBConnection,
  filesByDataset: ReadonlyMap<string, readonly string[]>,
): Promise<void> {
  for (const dataset of LAKE_DATASETS) {
    const files = filesByDataset.get(dataset.name) ?? [];
    const view = sqlIdentifier(dataset.view);
    await connection.run(`DROP VIEW IF EXISTS ${view}`);
    await connection.run(`DROP TABLE IF EXISTS ${view}`);
    if (files.length === 0) {
      await connection.run(`CREATE TABLE ${view} (${columnDefinitions(dataset.columns)})`);
    } else {
      await connection.run(
        `CREATE VIEW ${view} AS SELECT ${castColumns(dataset.columns)} FROM read_parquet(${sqlStringList(files)})`,
      );
    }
  }
}

/** `name TYPE, …` of a column list. */
export const columnDefinitions = (columns: readonly LakeColumn[]): string =>
  columns.map((c) => `${sqlIdentifier(c.name)} ${c.type}`).join(', ');

/** `CAST(name AS TYPE) AS name, …` of a column list. */
export const castColumns = (columns: readonly LakeColumn[]): string =>
  columns
    .map((c) => `CAST(${sqlIdentifier(c.name)} AS ${c.type}) AS ${sqlIdentifier(c.name)}`)
    .join(', ');

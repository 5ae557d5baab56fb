import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { expect } from 'vitest';
import type { DimensionRegistry } from '../../../functions/indicators/dimension-registry.js';
import type { IndicatorDefinition } from '../../../functions/indicators/indicator-metadata.js';
import { loadDimensionRegistry } from '../../../functions/indicators/load-dimension-registry.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import { runDeclaredTests } from '../../../functions/indicators/run-declared-tests.js';
import { runIndicatorSql } from '../../../functions/indicators/run-indicator-sql.js';
import type { IndicatorRow } from '../../../functions/publish/indicator-row.js';

/**
 * Column definitions of the lake's datasets as DuckDB sees them (the data contract of the brief
 * and issue #4), used to build small fixture tables for each indicator's SQL.
 */
export const DATASET_TABLES = {
  feedback:
    'id VARCHAR, service_id VARCHAR, rating INTEGER, outcome VARCHAR, channel VARCHAR, region VARCHAR, reason VARCHAR, comment VARCHAR, received_at VARCHAR, collected_at VARCHAR, month VARCHAR',
  services:
    'service_id VARCHAR, name_pt VARCHAR, name_en VARCHAR, category VARCHAR, digital_level VARCHAR, as_of VARCHAR',
  wifi_hotspots:
    'hotspot_id VARCHAR, region VARCHAR, vulnerable_area BOOLEAN, latitude DOUBLE, longitude DOUBLE, active_since DATE, as_of VARCHAR',
  telecentros:
    'telecentro_id VARCHAR, name VARCHAR, region VARCHAR, host_type VARCHAR, opened_on DATE, as_of VARCHAR',
  transactions: 'month VARCHAR, service_id VARCHAR, channel VARCHAR, completed INTEGER',
  wifi_reach: 'month VARCHAR, region VARCHAR, unique_users INTEGER, sessions INTEGER',
  device_donations:
    'month VARCHAR, region VARCHAR, device_type VARCHAR, programme VARCHAR, quantity INTEGER',
  course_certifications:
    'month VARCHAR, course_id VARCHAR, course_name VARCHAR, track VARCHAR, audience VARCHAR, gender VARCHAR, age_band VARCHAR, region VARCHAR, certified INTEGER',
} as const;

/** A dataset table name (DuckDB spelling, underscores). */
export type DatasetTable = keyof typeof DATASET_TABLES;

/** A fixture value: text, number, boolean or NULL. */
export type FixtureValue = string | number | boolean | null;

/** An in-memory DuckDB with one thread, for fixture tests. */
export async function openFixtureDb(): Promise<{
  connection: DuckDBConnection;
  close: () => void;
}> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * (Re)creates a dataset table with the given rows, each a record of column → value (columns left
 * out are NULL). `types` overrides a column's type, e.g. to store dates as text.
 */
export async function loadTable(
  connection: DuckDBConnection,
  table: DatasetTable,
  rows: readonly Record<string, FixtureValue>[],
  types: Record<string, string> = {},
): Promise<void> {
  const columns = DATASET_TABLES[table].split(', ').map((c) => {
    const [name, type] = c.split(' ') as [string, string];
    return { name, type: types[name] ?? type };
  });
  await connection.run(`DROP TABLE IF EXISTS ${table}`);
  await connection.run(
    `CREATE TABLE ${table} (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`,
  );
  if (rows.length === 0) return;
  const values = rows
    .map((row) => `(${columns.map((c) => literal(row[c.name] ?? null)).join(', ')})`)
    .join(',\n');
  await connection.run(`INSERT INTO ${table} VALUES ${values}`);
}

function literal(value: FixtureValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return String(value);
}

let definitions: Promise<IndicatorDefinition[]> | undefined;

/** One indicator of `queries/`, loaded through the real loader (floor 10). */
export async function loadDefinition(id: string): Promise<IndicatorDefinition> {
  definitions ??= loadIndicators('queries', { minCellFloor: 10 });
  const found = (await definitions).find((d) => d.metadata.id === id);
  if (!found) throw new Error(`no indicator ${id} in queries/`);
  return found;
}

/** Rows sorted by their grain (period and every dimension), to compare regardless of order. */
export function byGrain(
  rows: readonly IndicatorRow[],
  dimensions: readonly string[],
): IndicatorRow[] {
  const key = (row: IndicatorRow) => JSON.stringify([row.period, ...dimensions.map((d) => row[d])]);
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Rounds every number of the rows to 9 decimals, to compare DuckDB doubles with hand-computed ones. */
export function rounded(rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v,
      ]),
    ),
  );
}

/**
 * Runs one indicator of `queries/` on the fixture database through the real runner, and asserts
 * that the indicator's declared tests (and the registry's known values) pass on the rows.
 */
export async function runIndicator(
  connection: DuckDBConnection,
  id: string,
): Promise<IndicatorRow[]> {
  const definition = await loadDefinition(id);
  const rows = await runIndicatorSql(connection, definition);
  registry ??= loadDimensionRegistry('queries/dimensions.yaml');
  expect(runDeclaredTests(rows, definition.metadata, await registry)).toEqual([]);
  return rows;
}

let registry: Promise<DimensionRegistry> | undefined;

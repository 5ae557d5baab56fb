import type { DuckDBConnection } from '@duckdb/node-api';
import type { IndicatorDefinition } from '../indicators/indicator-metadata.js';
import { LAKE_DATASETS } from '../lake/lake-columns.js';

/**
 * The lake datasets an indicator's SQL reads without declaring them in `sources`. Its receipt
 * would miss their objects and its recompute would miss their changes, so such an indicator is
 * not published. The SQL is parsed (not bound) by DuckDB's `json_serialize_sql`, and every table
 * it references is compared with the dataset views; SQL that doesn't parse gives none here (its
 * error is reported when it runs).
 */
export async function undeclaredSources(
  connection: DuckDBConnection,
  definition: Pick<IndicatorDefinition, 'metadata' | 'sql'>,
): Promise<string[]> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [
    definition.sql,
  ]);
  const tree = JSON.parse(String(reader.getRows()[0]?.[0] ?? '{}')) as { error?: boolean };
  if (tree.error !== false) return [];
  const tables = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'BASE_TABLE' && typeof record.table_name === 'string') {
        tables.add(record.table_name);
      }
      for (const child of Object.values(record)) walk(child);
    }
  };
  walk(tree);
  const declared = new Set(definition.metadata.sources);
  return LAKE_DATASETS.filter((d) => tables.has(d.view) && !declared.has(d.name)).map(
    (d) => d.name,
  );
}

import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Defence in depth after every statement: the sandbox's catalog must still hold no temporary
 * table or view (one could shadow a lake view), no other attached database, and its settings
 * must still be locked with external access off. Returns what is wrong, or undefined.
 */
export async function sandboxIntegrityProblem(
  connection: DuckDBConnection,
): Promise<string | undefined> {
  const reader = await connection.runAndReadAll(`
    SELECT (SELECT count(*) FROM duckdb_tables() WHERE temporary) AS temp_tables,
           (SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal) AS temp_views,
           (SELECT count(*) FROM duckdb_databases()
              WHERE NOT internal AND database_name <> current_database()) AS attached,
           current_setting('enable_external_access') AS external,
           current_setting('lock_configuration') AS locked`);
  const row = reader.getRowObjects()[0];
  if (!row) return 'the integrity check returned nothing';
  const problems = [
    Number(row.temp_tables) > 0 ? `${row.temp_tables} temporary tables` : '',
    Number(row.temp_views) > 0 ? `${row.temp_views} temporary views` : '',
    Number(row.attached) > 0 ? `${row.attached} attached databases` : '',
    row.external !== false ? 'external access on' : '',
    row.locked !== true ? 'configuration unlocked' : '',
  ].filter(Boolean);
  return problems.length > 0 ? problems.join(', ') : undefined;
}

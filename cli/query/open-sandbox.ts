import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from './sql-quote.js';

/** Resource limits of a sandbox session. */
export interface SandboxLimits {
  /** DuckDB `memory_limit`, e.g. `2GB`. */
  readonly memoryLimit: string;
  /** DuckDB `threads`. */
  readonly threads: number;
}

/** A locked-down DuckDB session over a read-only catalog file. */
export interface Sandbox {
  readonly connection: DuckDBConnection;
  /** The only folder the session may read (the lake copy, resolved). */
  readonly lakeDir: string;
  close(): void;
}

/**
 * Opens the analyst sandbox (DESIGN.md "Analyst sandbox in DuckDB"): the catalog file opened with
 * `access_mode: 'READ_ONLY'`, then, in this order, `allowed_directories` = the lake copy only
 * (it can't change once external access is off), no extension autoload or autoinstall, the
 * memory limit and thread count, `enable_external_access = false`, and `lock_configuration =
 * true` last. It reads the settings back and fails closed if any didn't take.
 *
 * The settings alone leave the lake folder writable and the in-memory temp catalog open, so every
 * user statement must also pass `prepareReadStatement` (single read statements only).
 */
export async function openSandbox(
  catalogFile: string,
  lakeDir: string,
  limits: SandboxLimits,
): Promise<Sandbox> {
  const instance = await DuckDBInstance.create(catalogFile, { access_mode: 'READ_ONLY' });
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    const settings = [
      `SET allowed_directories = [${sqlString(`${lakeDir.replace(/\/+$/, '')}/`)}]`,
      'SET autoload_known_extensions = false',
      'SET autoinstall_known_extensions = false',
      `SET memory_limit = ${sqlString(limits.memoryLimit)}`,
      `SET threads = ${Math.max(1, Math.floor(limits.threads))}`,
      'SET enable_external_access = false',
      'SET lock_configuration = true',
    ];
    for (const statement of settings) await connection.run(statement);
    const check = await connection.runAndReadAll(
      `SELECT current_setting('enable_external_access') AS external,
              current_setting('lock_configuration') AS locked,
              current_setting('autoinstall_known_extensions') AS autoinstall,
              current_setting('autoload_known_extensions') AS autoload`,
    );
    const row = check.getRowObjects()[0];
    const locked =
      row?.external === false &&
      row.locked === true &&
      row.autoinstall === false &&
      row.autoload === false;
    if (!locked) {
      throw new Error(`the analyst sandbox settings did not take effect: ${JSON.stringify(row)}`);
    }
  } catch (error) {
    connection?.closeSync();
    instance.closeSync();
    throw error;
  }
  const open = connection;
  return {
    connection: open,
    lakeDir,
    close() {
      open.closeSync();
      instance.closeSync();
    },
  };
}

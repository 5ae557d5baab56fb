import { mkdir } from 'node:fs/promises';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from './sql-text.js';

/** How compute runs DuckDB. */
export interface DuckDbSettings {
  /** Worker threads (Lambda: about one per 1,769 MB of memory). */
  readonly threads: number;
  /** DuckDB's memory limit, e.g. `'2GB'`; it spills to `tempDirectory` beyond it. */
  readonly memoryLimit: string;
}

/** Defaults for a laptop or a 3 GB Lambda. */
export const DEFAULT_DUCKDB_SETTINGS: DuckDbSettings = { threads: 2, memoryLimit: '2GB' };

/** An in-memory DuckDB for one compute run. */
export interface DuckDbSession {
  readonly connection: DuckDBConnection;
  /** Another connection to the same database (its queries run beside the first one's). */
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

/**
 * Opens an in-memory DuckDB with a thread count, a memory limit and a spill folder, and
 * extension autoloading switched off (parquet and json are built in; compute needs nothing else).
 */
export async function openDuckDbSession(
  settings: DuckDbSettings,
  tempDirectory: string,
): Promise<DuckDbSession> {
  await mkdir(tempDirectory, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(settings.threads),
    memory_limit: settings.memoryLimit,
    temp_directory: tempDirectory,
    autoinstall_known_extensions: 'false',
  });
  const connection = await instance.connect();
  await connection.run(`SET temp_directory = ${sqlString(tempDirectory)}`);
  const extra: DuckDBConnection[] = [];
  return {
    connection,
    async connect() {
      const another = await instance.connect();
      extra.push(another);
      return another;
    },
    close() {
      for (const c of extra) c.closeSync();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * DuckDB settings for a function with `memoryMb` of memory: Lambda gives one vCPU per 1,769 MB
 * (at least one thread, at most six), and DuckDB may use 60% of the memory, leaving room for
 * Node, the published documents and the SDK.
 */
export function duckDbSettingsForMemory(memoryMb: number): DuckDbSettings {
  const threads = Math.min(6, Math.max(1, Math.round(memoryMb / 1769)));
  return { threads, memoryLimit: `${Math.max(256, Math.floor(memoryMb * 0.6))}MB` };
}

import { rename, rm } from 'node:fs/promises';
import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
} from '@duckdb/node-api';
import type { ResultSink } from './result-sink.js';
import { sqlIdentifier, sqlString } from './sql-quote.js';

/**
 * A result written as a Parquet file (zstd) to `path` — by the command, outside the sandbox: the
 * rows fetched from the sandboxed session are appended (whole DuckDB chunks when available) into
 * a table of a separate, unrestricted in-memory DuckDB, which then copies it to a temporary file
 * beside `path`, renamed into place. The sandboxed connection never gets write access.
 */
export function createParquetSink(path: string): ResultSink {
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  let appender: DuckDBAppender | undefined;
  let types: DuckDBType[] = [];
  const temp = `${path}.${process.pid}.partial`;
  const close = () => {
    appender?.closeSync();
    appender = undefined;
    connection?.closeSync();
    instance?.closeSync();
    connection = undefined;
    instance = undefined;
  };
  return {
    async start(columns) {
      instance = await DuckDBInstance.create(':memory:', { threads: '2' });
      connection = await instance.connect();
      types = columns.map((c) => c.type);
      const definition = columns
        .map((c) => `${sqlIdentifier(c.key)} ${c.type.toString()}`)
        .join(', ');
      await connection.run(`CREATE TABLE result (${definition})`);
      appender = await connection.createAppender('result');
    },
    async write(batch) {
      if (!appender) throw new Error('parquet sink not started');
      if (batch.chunk) {
        appender.appendDataChunk(batch.chunk);
        return;
      }
      for (const row of batch.rows()) {
        row.forEach((value, i) => {
          appender?.appendValue(value, types[i]);
        });
        appender.endRow();
      }
    },
    async end() {
      if (!connection || !appender) throw new Error('parquet sink not started');
      try {
        appender.closeSync();
        appender = undefined;
        await connection.run(
          `COPY result TO ${sqlString(temp)} (FORMAT parquet, COMPRESSION zstd)`,
        );
      } catch (error) {
        close();
        await rm(temp, { force: true });
        throw error;
      }
      close();
      await rename(temp, path);
    },
    async abort() {
      close();
      await rm(temp, { force: true });
    },
  };
}

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { ReceiptInput } from '../publish/indicator-document.js';
import { RAW_FEEDBACK_PREFIX } from '../shared/lake-layout.js';
import { listObjects, syncPrefix } from './lake-sync.js';

/** The lake objects each dataset is computed from (for receipts and change detection). */
export type LakeInputs = ReadonlyMap<string, readonly ReceiptInput[]>;

/** A DuckDB database with one view per dataset over the local copy of the lake. */
export interface LakeDatabase {
  readonly connection: DuckDBConnection;
  readonly inputs: LakeInputs;
  close(): void;
}

/** Lists the lake objects every dataset reads, without downloading anything. */
export async function listLakeInputs(s3: S3Client, bucket: string): Promise<LakeInputs> {
  const feedback = await listObjects(s3, bucket, RAW_FEEDBACK_PREFIX);
  return new Map([['feedback', feedback.map((o) => ({ key: o.key, etag: o.etag, rows: 0 }))]]);
}

const FEEDBACK_COLUMNS_SQL = `{
  id: 'VARCHAR', service_id: 'VARCHAR', rating: 'INTEGER', outcome: 'VARCHAR', channel: 'VARCHAR',
  region: 'VARCHAR', reason: 'VARCHAR', comment: 'VARCHAR', received_at: 'VARCHAR',
  collected_at: 'VARCHAR', month: 'VARCHAR'
}`;

/**
 * Mirrors the lake into `workDir` (only changed objects) and opens an in-memory DuckDB with a
 * view per dataset. Raw rows never pass through JavaScript: DuckDB reads the files.
 */
export async function openLakeDatabase(
  s3: S3Client,
  bucket: string,
  workDir: string,
  known: Map<string, string>,
): Promise<LakeDatabase> {
  await mkdir(workDir, { recursive: true });
  const files = await syncPrefix(s3, bucket, RAW_FEEDBACK_PREFIX, workDir, known);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const rowsByKey = new Map<string, number>();
  if (files.length > 0) {
    const glob = join(workDir, RAW_FEEDBACK_PREFIX, '*', '*.jsonl.gz').replace(/'/g, "''");
    await connection.run(
      `CREATE VIEW feedback AS SELECT * EXCLUDE (filename), filename AS _file FROM read_json('${glob}', format = 'newline_delimited', columns = ${FEEDBACK_COLUMNS_SQL}, filename = true)`,
    );
    const counts = await connection.runAndReadAll(
      'SELECT _file, count(*) AS n FROM feedback GROUP BY _file',
    );
    for (const r of counts.getRowObjects()) {
      rowsByKey.set(String(r._file).slice(workDir.length + 1), Number(r.n));
    }
  } else {
    await connection.run(
      `CREATE TABLE feedback (id VARCHAR, service_id VARCHAR, rating INTEGER, outcome VARCHAR, channel VARCHAR, region VARCHAR, reason VARCHAR, comment VARCHAR, received_at VARCHAR, collected_at VARCHAR, month VARCHAR, _file VARCHAR)`,
    );
  }
  const inputs = new Map([
    ['feedback', files.map((f) => ({ key: f.key, etag: f.etag, rows: rowsByKey.get(f.key) ?? 0 }))],
  ]);
  return {
    connection,
    inputs,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

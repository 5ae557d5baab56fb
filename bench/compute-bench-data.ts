import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from '../functions/compute/sql-text.js';
import { FEEDBACK_COLUMNS } from '../functions/lake/feedback-record.js';
import { generateRatings } from '../functions/seed/generate-ratings.js';

/** The raw feedback buckets of a generated rating history, on local disk. */
export interface BenchRawLake {
  /** Folder holding `bucket=<id>/feedback.jsonl.gz` per bucket. */
  readonly dir: string;
  /** Bucket ids, sorted. */
  readonly buckets: readonly string[];
  /** Bytes of all bucket files. */
  readonly bytes: number;
}

/**
 * Generates `count` demo-city ratings (`generateRatings`, fixed seed and `today`) and writes them
 * as raw export buckets, one per UTC day of receipt, with DuckDB: the ratings are bulk loaded with
 * the appender and each day copied to NDJSON gzip in the export's column order. Cached in the
 * temp folder per count and day, so later runs reuse it (10M ratings take a couple of minutes).
 */
export async function benchRawLake(
  count: number,
  today: Date,
  log: (line: string) => void,
): Promise<BenchRawLake> {
  const dir = join(
    tmpdir(),
    'mirante-bench',
    `ratings-${count}-${today.toISOString().slice(0, 10)}`,
  );
  const marker = join(dir, 'complete');
  if (!(await exists(marker))) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await generate(count, today, dir, log);
    await writeFile(marker, new Date().toISOString());
  }
  const buckets = (await readdir(dir))
    .filter((d) => d.startsWith('bucket='))
    .map((d) => d.slice('bucket='.length))
    .sort();
  let bytes = 0;
  for (const b of buckets)
    bytes += (await stat(join(dir, `bucket=${b}`, 'feedback.jsonl.gz'))).size;
  return { dir, buckets, bytes };
}

async function generate(count: number, today: Date, dir: string, log: (line: string) => void) {
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '2',
    memory_limit: '4GB',
    temp_directory: join(dir, '.tmp'),
  });
  const db = await instance.connect();
  try {
    await db.run(
      `CREATE TABLE r (${FEEDBACK_COLUMNS.map((c) => `${c} ${c === 'rating' ? 'INTEGER' : 'VARCHAR'}`).join(', ')})`,
    );
    const appender = await db.createAppender('r');
    let done = 0;
    for (const chunk of generateRatings({ today, count, chunkSize: 10_000 })) {
      for (const x of chunk) {
        appender.appendVarchar(x.id);
        appender.appendVarchar(x.service_id);
        appender.appendInteger(x.rating);
        appender.appendVarchar(x.outcome);
        appender.appendVarchar(x.channel);
        for (const v of [x.region, x.reason, x.comment]) {
          if (v === null) appender.appendNull();
          else appender.appendVarchar(v);
        }
        appender.appendVarchar(x.received_at);
        appender.appendVarchar(x.collected_at);
        appender.appendVarchar(x.month);
        appender.endRow();
      }
      done += chunk.length;
      if (done % 1_000_000 === 0) log(`  generated ${done.toLocaleString('en-US')} ratings`);
    }
    appender.closeSync();
    await db.run(
      `CREATE TABLE b AS SELECT *, strftime(CAST(received_at AS TIMESTAMP), '%Y%m%dT000000Z') AS bucket FROM r ORDER BY bucket, id`,
    );
    await db.run('DROP TABLE r');
    const buckets = (await db.runAndReadAll('SELECT DISTINCT bucket FROM b ORDER BY 1'))
      .getRows()
      .map((row) => String(row[0]));
    for (const bucket of buckets) {
      const path = join(dir, `bucket=${bucket}`, 'feedback.jsonl.gz');
      await mkdir(join(dir, `bucket=${bucket}`), { recursive: true });
      await db.run(
        `COPY (SELECT ${FEEDBACK_COLUMNS.join(', ')} FROM b WHERE bucket = ${sqlString(bucket)} ORDER BY id) TO ${sqlString(path)} (FORMAT json, COMPRESSION gzip)`,
      );
    }
    log(
      `  wrote ${buckets.length} daily buckets in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    db.closeSync();
    instance.closeSync();
    await rm(join(dir, '.tmp'), { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DuckDBInstance } from '@duckdb/node-api';
import { runQueryCommand } from '../cli/commands/query.js';
import { createSink } from '../cli/query/create-sink.js';
import { openQuerySession } from '../cli/query/query-session.js';
import {
  type BenchFigure,
  type Benchmark,
  type BenchOptions,
  median,
  timeMs,
} from './bench-result.js';

/** Ratings at scale 1. */
const RATINGS = 10_000_000;
/** Months of the generated history (hive partitions). */
const MONTHS = 24;
const RUNS = 7;
const MEMORY_LIMIT = '4GB';

/** The analyst's question: satisfaction per month and service (about 7,000 rows). */
const SQL = `SELECT month, service_id, count(*) AS n,
       (avg(rating) - 1) / 4 AS score,
       100.0 * count(*) FILTER (WHERE rating >= 4) / count(*) AS share_4_5
FROM feedback
WHERE rating BETWEEN 1 AND 5
GROUP BY month, service_id
ORDER BY month, service_id`;

/**
 * `mirante query` over 10M ratings (issue #7) against the same SQL in bare DuckDB, same run, same
 * threads and memory: the command's overhead (argument parsing, catalog lookup, opening the
 * sandbox and its settings, the statement checks, streaming to CSV, the integrity check) must stay
 * ≤ 1.2× the direct query. The one-time view setup (building the catalog file) is reported
 * separately, as is the query alone inside an open session versus on an open DuckDB connection.
 * The ratings are generated here with DuckDB (`range()` and random values) into a hive-partitioned
 * folder shaped like the curated lake, cached in the temp folder.
 */
export const queryBenchmark: Benchmark = {
  name: 'query: analyst SQL over 10M ratings (mirante query vs bare DuckDB)',
  async run({ scale, log }: BenchOptions): Promise<BenchFigure[]> {
    const count = Math.round(RATINGS * scale);
    const threads = Math.min(8, availableParallelism());
    const project = await ratingsProject(count, log);
    const lake = join(project, '.mirante', 'lake');
    const glob = join(lake, 'curated', 'feedback', 'month=*', '*.parquet');
    const nullOut = () =>
      new Writable({
        write(_chunk, _encoding, done) {
          done();
        },
      });
    const io = () => ({
      stdin: process.stdin,
      stdout: Object.assign(nullOut(), { isTTY: false }),
      stderr: process.stderr,
    });
    const command = async () => {
      const code = await runQueryCommand(
        {
          argv: [
            '--no-sync',
            '--format',
            'csv',
            '--threads',
            String(threads),
            '--memory-limit',
            MEMORY_LIMIT,
            SQL,
          ],
          env: {},
          cwd: project,
          print: () => undefined,
        },
        io(),
      );
      if (code !== 0) throw new Error(`mirante query exited ${code}`);
    };
    const direct = async () => {
      const instance = await DuckDBInstance.create(':memory:', {
        threads: String(threads),
        memory_limit: MEMORY_LIMIT,
      });
      const connection = await instance.connect();
      await connection.run(
        `CREATE VIEW feedback AS SELECT * FROM read_parquet('${glob}', hive_partitioning = true)`,
      );
      const reader = await connection.runAndReadAll(SQL);
      reader.getRows();
      connection.closeSync();
      instance.closeSync();
    };

    // One-time view setup: a fresh catalog file for this lake.
    await rm(join(project, '.mirante', 'query'), { recursive: true, force: true });
    const setup = await openQuerySession({
      lakeDir: lake,
      stateDir: join(project, '.mirante', 'query'),
      timeoutMs: 600_000,
      threads,
      memoryLimit: MEMORY_LIMIT,
    });
    log(`view setup: catalog built ${setup.catalogBuilt}, ${setup.setupMs.toFixed(0)} ms`);

    // Warm the file cache for both paths, then alternate them.
    await command();
    await direct();
    const commandMs: number[] = [];
    const directMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      commandMs.push(await timeMs(command));
      directMs.push(await timeMs(direct));
    }

    // The query alone: inside the open session vs on an open bare connection.
    const instance = await DuckDBInstance.create(':memory:', {
      threads: String(threads),
      memory_limit: MEMORY_LIMIT,
    });
    const connection = await instance.connect();
    await connection.run(
      `CREATE VIEW feedback AS SELECT * FROM read_parquet('${glob}', hive_partitioning = true)`,
    );
    const sessionMs: number[] = [];
    const connectionMs: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      sessionMs.push(
        await timeMs(async () => {
          const result = await setup.run(SQL, createSink({ format: 'csv', stdout: nullOut() }));
          rows = result.rowCount;
        }),
      );
      connectionMs.push(await timeMs(async () => (await connection.runAndReadAll(SQL)).getRows()));
    }
    connection.closeSync();
    instance.closeSync();
    setup.close();
    log(
      `${count.toLocaleString('en-US')} ratings, ${MONTHS} months, ${threads} threads; result ${rows.toLocaleString('en-US')} rows`,
    );

    const figure = (
      name: string,
      value: number,
      baselineName: string,
      baseline: number,
      goal?: number,
    ): BenchFigure => {
      const ratio = value / baseline;
      return {
        name,
        unit: 'ms',
        value,
        baseline: { name: baselineName, value: baseline },
        ratio,
        ...(goal === undefined ? {} : { goal: `≤ ${goal}×`, pass: ratio <= goal }),
      };
    };
    return [
      figure(
        'mirante query, whole command (median)',
        median(commandMs),
        'bare DuckDB: open, view, query',
        median(directMs),
        1.2,
      ),
      figure(
        'query in an open sandbox session (median)',
        median(sessionMs),
        'bare DuckDB connection',
        median(connectionMs),
      ),
      { name: 'one-time view setup (catalog file + sandbox)', unit: 'ms', value: setup.setupMs },
    ];
  },
};

/** A project folder whose `.mirante/lake/` holds `count` generated ratings (cached). */
async function ratingsProject(count: number, log: (line: string) => void): Promise<string> {
  const project = join(tmpdir(), 'mirante-bench', `query-ratings-${count}`);
  const marker = join(project, 'complete');
  if (existsSync(marker)) return project;
  await rm(project, { recursive: true, force: true });
  const base = join(project, '.mirante', 'lake', 'curated', 'feedback');
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '4GB' });
  const connection = await instance.connect();
  const perMonth = Math.ceil(count / MONTHS);
  for (let m = 0; m < MONTHS; m++) {
    const month = `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    const rows = Math.min(perMonth, count - m * perMonth);
    if (rows <= 0) break;
    const dir = join(base, `month=${month}`);
    await mkdir(dir, { recursive: true });
    await connection.run(`COPY (
      SELECT 'fb-${month}-' || i::VARCHAR AS id,
             'svc-' || lpad((hash(i * 7 + ${m}) % 300)::VARCHAR, 3, '0') AS service_id,
             (1 + floor(random() * 5))::INTEGER AS rating,
             ['completed', 'completed', 'completed', 'not_eligible', 'failed', 'gave_up'][1 + floor(random() * 6)::INTEGER] AS outcome,
             ['web', 'web', 'app', 'telecentro', 'phone', 'in_person'][1 + floor(random() * 6)::INTEGER] AS channel,
             CASE WHEN random() < 0.1 THEN NULL ELSE ['barreiro', 'centro-sul', 'leste', 'nordeste', 'noroeste', 'norte', 'oeste', 'pampulha', 'venda-nova'][1 + floor(random() * 9)::INTEGER] END AS region,
             CASE WHEN random() < 0.5 THEN NULL ELSE ['clarity', 'ease_of_use', 'channels', 'cost_effort', 'stability', 'time', 'effectiveness'][1 + floor(random() * 7)::INTEGER] END AS reason,
             NULL::VARCHAR AS comment,
             strftime(TIMESTAMP '${month}-01 00:00:00' + to_seconds((i % 2419200)::BIGINT), '%Y-%m-%dT%H:%M:%SZ') AS received_at,
             strftime(TIMESTAMP '${month}-01 00:00:00' + to_seconds((i % 2419200)::BIGINT), '%Y-%m-%dT%H:%M:%SZ') AS collected_at,
             '${month}' AS month
      FROM range(${rows}) t(i)
    ) TO '${join(dir, 'data.parquet')}' (FORMAT parquet, COMPRESSION zstd)`);
  }
  connection.closeSync();
  instance.closeSync();
  await writeFile(marker, new Date().toISOString());
  log(
    `generated ${count.toLocaleString('en-US')} ratings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return project;
}

/**
 * The compute benchmark's measured process (spawned by `compute.bench.ts`, so that its peak RSS
 * is the compute's own): a full rebuild of the curated lake and every indicator, incremental runs
 * after one new bucket, the indicator pass against the same SQL in bare DuckDB, and the walking
 * skeleton's compute against a raw scan. Prints one `RESULT <json>` line.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { readCompactionState } from '../functions/compute/compaction-state.js';
import { type ComputeResult, computeIndicators } from '../functions/compute/compute-indicators.js';
import { duckDbSettingsForMemory } from '../functions/compute/duckdb-session.js';
import { sqlIdentifier, sqlStringList } from '../functions/compute/sql-text.js';
import { loadDimensionRegistry } from '../functions/indicators/load-dimension-registry.js';
import { loadIndicators } from '../functions/indicators/load-indicators.js';
import type { FeedbackRecord } from '../functions/lake/feedback-record.js';
import { LAKE_DATASETS } from '../functions/lake/lake-columns.js';
import { writeFeedbackBucket } from '../functions/lake/write-feedback-bucket.js';
import { awsClientOptionsFromEnv, createAwsClients } from '../functions/shared/aws-clients.js';
import { loadConfig } from '../functions/shared/config.js';
import { createLogger, silentLogger } from '../functions/shared/logger.js';
import { monthOf } from '../functions/shared/period.js';
import { formatBucketId } from '../functions/shared/time-bucket.js';
import { median } from './bench-result.js';

const env = process.env;
const config = loadConfig(env);
const clients = createAwsClients(awsClientOptionsFromEnv(env));
const today = new Date(env.BENCH_TODAY as string);
const workDir = env.BENCH_WORK_DIR as string;
const memoryMb = Number(env.BENCH_MEMORY_MB ?? 3008);
const repeats = Number(env.BENCH_REPEATS ?? 5);
const duckdb = duckDbSettingsForMemory(memoryMb);
const indicators = await loadIndicators('queries', { minCellFloor: config.minCellFloor });
const registry = await loadDimensionRegistry('queries/dimensions.yaml');
const known = new Map<string, string>();
const progress = (line: string) => process.stderr.write(`  ${line}\n`);
const logger = env.BENCH_VERBOSE
  ? createLogger({
      service: 'bench',
      level: 'debug',
      pretty: true,
      write: (l) => progress(`  ${l}`),
    })
  : silentLogger;

async function run(
  codeVersion: string,
  only?: string,
): Promise<{ ms: number; result: ComputeResult }> {
  const started = performance.now();
  const result = await computeIndicators({
    doc: clients.doc,
    s3: clients.s3,
    config: { ...config, codeVersion },
    indicators: only ? indicators.filter((d) => d.metadata.id === only) : indicators,
    registry,
    now: () => today,
    logger,
    workDir,
    knownObjects: known,
    duckdb,
  });
  if (env.BENCH_VERBOSE) progress(`${codeVersion}: ${JSON.stringify(result.timings)}`);
  const failed = result.outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) throw new Error(`indicators failed: ${JSON.stringify(failed)}`);
  return { ms: performance.now() - started, result };
}

async function vmHwmMb(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

// (c) The full rebuild: nothing curated yet.
const full = await run('bench');
const fullRssMb = await vmHwmMb();
progress(`full rebuild ${(full.ms / 1000).toFixed(1)} s, peak RSS ${fullRssMb.toFixed(0)} MB`);

// (b) Incremental runs, each after one new bucket of 500 ratings in the current month.
const incremental: number[] = [];
for (let i = 1; i <= repeats; i++) {
  const at = new Date(today.getTime() - (repeats + 1 - i) * 300_000);
  const records: FeedbackRecord[] = Array.from({ length: 500 }, (_, n) => ({
    id: `bench-new-${i}-${n}`,
    service_id: `svc-${String((n % 50) + 1).padStart(4, '0')}`,
    rating: (n % 5) + 1,
    outcome: n % 7 === 0 ? 'gave_up' : 'completed',
    channel: n % 3 === 0 ? 'app' : 'web',
    region: n % 4 === 0 ? null : 'centro-sul',
    reason: null,
    comment: null,
    received_at: at.toISOString(),
    collected_at: at.toISOString(),
    month: monthOf(at, config.timezone),
  }));
  await writeFeedbackBucket(clients.s3, config.lakeBucket, formatBucketId(at), records);
  const { ms, result } = await run('bench');
  incremental.push(ms);
  progress(
    `incremental ${(ms / 1000).toFixed(2)} s (${result.outcomes.filter((o) => o.status === 'published').length} published)`,
  );
}

// (a) The indicator pass (every indicator recomputed, nothing to compact) vs bare DuckDB,
// alternating so that both see the same machine load.
const state = await readCompactionState(clients.s3, config.lakeBucket);
if (!state) throw new Error('no compaction state');
const filesOf = (dataset: string): string[] => {
  const objects =
    dataset === 'feedback'
      ? Object.values(state.feedback.months)
      : (state.metrics[dataset]?.objects ?? []);
  return objects.map((o) => join(workDir, 'lake', o.key));
};
const pass: number[] = [];
const passRun: number[] = [];
const bare: number[] = [];
for (let i = 1; i <= repeats; i++) {
  const { ms, result } = await run(`bench-pass-${i}`);
  pass.push(result.timings.indicatorsMs);
  passRun.push(ms);
  bare.push(await bareDuckDb());
}

/** The same SQL files in a fresh DuckDB with plain views over the same Parquet files. */
async function bareDuckDb(): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(duckdb.threads),
    memory_limit: duckdb.memoryLimit,
  });
  const db = await instance.connect();
  const started = performance.now();
  for (const dataset of LAKE_DATASETS) {
    await db.run(
      `CREATE VIEW ${sqlIdentifier(dataset.view)} AS SELECT * FROM read_parquet(${sqlStringList(filesOf(dataset.name))})`,
    );
  }
  for (const definition of indicators) await db.runAndReadAll(definition.sql);
  const ms = performance.now() - started;
  db.closeSync();
  instance.closeSync();
  return ms;
}
progress(
  `indicator pass ${(median(pass) / 1000).toFixed(2)} s, bare DuckDB ${(median(bare) / 1000).toFixed(2)} s`,
);

// The walking skeleton's figure: compute of user-satisfaction vs a raw scan of its columns.
const skeleton: number[] = [];
const scan: number[] = [];
for (let i = 1; i <= repeats; i++) {
  skeleton.push((await run(`bench-skeleton-${i}`, 'user-satisfaction')).ms);
  const instance = await DuckDBInstance.create(':memory:', { threads: String(duckdb.threads) });
  const db = await instance.connect();
  const started = performance.now();
  await db.runAndReadAll(
    `SELECT count(month), count(service_id), count(channel), count(region), sum(rating) FROM read_parquet(${sqlStringList(filesOf('feedback'))})`,
  );
  scan.push(performance.now() - started);
  db.closeSync();
  instance.closeSync();
}

let curatedBytes = 0;
for (const file of LAKE_DATASETS.flatMap((d) => filesOf(d.name)))
  curatedBytes += (await stat(file)).size;

process.stdout.write(
  `RESULT ${JSON.stringify({
    fullMs: full.ms,
    fullRssMb,
    incrementalMs: median(incremental),
    passMs: median(pass),
    passRunMs: median(passRun),
    bareMs: median(bare),
    skeletonMs: median(skeleton),
    scanMs: median(scan),
    curatedBytes,
    duckdb,
    ratings: Object.values(state.feedback.months).reduce((a, m) => a + m.rows, 0),
  })}\n`,
);
clients.dynamo.destroy();
clients.s3.destroy();

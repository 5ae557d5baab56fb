import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedServers } from '../cli/embedded-servers.js';
import { COMPUTE_NODE_OPTIONS } from '../functions/compute/compute-node-options.js';
import { replacementKeyOf } from '../functions/datasets/batch-states.js';
import { getDataset } from '../functions/datasets/datasets.js';
import { batchRecordToItem } from '../functions/datasets/metric-batch-record.js';
import { generateCity, SEED_DATASET_ORDER } from '../functions/seed/generate-city.js';
import { createAwsClients, LOCAL_CREDENTIALS } from '../functions/shared/aws-clients.js';
import { ensureBucket, ensureTable } from '../functions/shared/ensure-resources.js';
import { rawFeedbackKey, rawMetricBatchKey } from '../functions/shared/lake-layout.js';
import type { BenchFigure, Benchmark } from './bench-result.js';
import { benchRawLake } from './compute-bench-data.js';

/** Ratings at scale 1 (`npm run bench -- --scale 10` for the 10M figures). */
export const COMPUTE_BENCH_RATINGS = 1_000_000;
/** The instant the demo city and its ratings are generated for (fixed: cacheable, comparable). */
const TODAY = new Date('2026-11-15T15:00:00.000Z');
/** The compute Lambda's memory the DuckDB settings are derived from (threads, memory limit). */
const MEMORY_MB = 3008;
const TABLE = 'mirante-bench';
const BUCKET = 'mirante-bench-lake';

/** What the measured child process reports. */
interface ChildResult {
  readonly fullMs: number;
  readonly fullRssMb: number;
  readonly incrementalMs: number;
  readonly passMs: number;
  readonly passRunMs: number;
  readonly bareMs: number;
  readonly skeletonMs: number;
  readonly scanMs: number;
  readonly curatedBytes: number;
  readonly ratings: number;
  readonly duckdb: { threads: number; memoryLimit: string };
}

/**
 * The compute benchmark on N generated demo-city ratings (default 1M; scale 10 → 10M) in daily
 * raw buckets, plus the demo city's metric batches, in embedded S3/DynamoDB. A child process
 * (DuckDB at a 3,008 MB Lambda's settings) measures, each against its baseline of the same run:
 * (a) the indicator pass over the curated lake (the run's indicator phase: views, SQL, declared
 * tests, suppression, Parquet, publication; the whole run is reported beside it) vs the same SQL
 * files in bare DuckDB over the same Parquet (goal ≤ 1.5×); (b) an incremental run after one new bucket vs the full rebuild (goal ≤
 * 10%); (c) the full rebuild's time and peak RSS (VmHWM; goal ≤ 4 GB); and the walking skeleton's
 * figure, compute of user-satisfaction vs a raw DuckDB scan of the same Parquet columns.
 */
export const computeBenchmark: Benchmark = {
  name: 'compute',
  async run({ scale, log }) {
    const count = Math.round(COMPUTE_BENCH_RATINGS * scale);
    log(`${count.toLocaleString('en-US')} ratings (scale ${scale})`);
    const raw = await benchRawLake(count, TODAY, log);
    log(`  raw lake: ${raw.buckets.length} buckets, ${(raw.bytes / 1e6).toFixed(0)} MB`);

    const dir = await mkdtemp(join(tmpdir(), 'mirante-bench-compute-'));
    const servers = await startEmbeddedServers({ s3Dir: join(dir, 's3') });
    const clients = createAwsClients({
      region: 'us-east-1',
      dynamodbEndpoint: servers.endpoints.dynamodb,
      s3Endpoint: servers.endpoints.s3,
      credentials: { ...LOCAL_CREDENTIALS },
    });
    try {
      await ensureTable(clients.dynamo, TABLE);
      await ensureBucket(clients.s3, BUCKET);
      await uploadBuckets(clients.s3, raw.dir, raw.buckets);
      const city = generateCity({ today: TODAY });
      for (const dataset of SEED_DATASET_ORDER) {
        const rows = city.datasets[dataset] as unknown as Record<string, unknown>[];
        const batchId = `bench-${dataset}`;
        const rawKey = rawMetricBatchKey(dataset, batchId);
        const body = gzipSync(Buffer.from(`${rows.map((r) => JSON.stringify(r)).join('\n')}\n`));
        await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: rawKey, Body: body }));
        const keys = rows.map((r) => replacementKeyOf(r, getDataset(dataset).replacementKey));
        await clients.doc.send(
          new PutCommand({
            TableName: TABLE,
            Item: batchRecordToItem({
              dataset,
              batchId,
              rawKey,
              rows: rows.length,
              sha256: batchId,
              submitter: 'bench',
              createdAt: TODAY.toISOString(),
              activatedAt: TODAY.toISOString(),
              replacementKeys: [...new Set(keys)].sort(),
              replaced: [],
            }),
          }),
        );
      }
      log('  lake loaded; measuring in a child process');
      const result = await runChild({
        ...process.env,
        AWS_ENDPOINT_URL_S3: servers.endpoints.s3,
        AWS_ENDPOINT_URL_DYNAMODB: servers.endpoints.dynamodb,
        MIRANTE_TABLE: TABLE,
        MIRANTE_LAKE_BUCKET: BUCKET,
        BENCH_TODAY: TODAY.toISOString(),
        BENCH_WORK_DIR: join(dir, 'work'),
        BENCH_MEMORY_MB: String(MEMORY_MB),
      });
      log(
        `  curated lake ${(result.curatedBytes / 1e6).toFixed(0)} MB, ${result.ratings.toLocaleString('en-US')} ratings; DuckDB ${result.duckdb.threads} threads, ${result.duckdb.memoryLimit}`,
      );
      const s = (ms: number) => ms / 1000;
      const figures: BenchFigure[] = [
        {
          name: `(a) indicator pass (views, SQL, tests, suppression, Parquet, publication), ${count.toLocaleString('en-US')} ratings, 12 indicators`,
          unit: 's',
          value: s(result.passMs),
          baseline: { name: 'same SQL in bare DuckDB', value: s(result.bareMs) },
          ratio: result.passMs / result.bareMs,
          goal: '≤ 1.5',
          pass: result.passMs / result.bareMs <= 1.5,
        },
        {
          name: '(a) the whole run (+ listing, state and manifest reads) vs bare DuckDB',
          unit: 's',
          value: s(result.passRunMs),
          baseline: { name: 'same SQL in bare DuckDB', value: s(result.bareMs) },
          ratio: result.passRunMs / result.bareMs,
        },
        {
          name: '(b) incremental run after one new bucket',
          unit: 's',
          value: s(result.incrementalMs),
          baseline: { name: 'full rebuild', value: s(result.fullMs) },
          ratio: result.incrementalMs / result.fullMs,
          goal: '≤ 0.10',
          pass: result.incrementalMs / result.fullMs <= 0.1,
        },
        { name: '(c) full rebuild', unit: 's', value: s(result.fullMs) },
        {
          name: '(c) full rebuild peak RSS',
          unit: 'MB',
          value: result.fullRssMb,
          goal: '≤ 4096',
          pass: result.fullRssMb <= 4096,
        },
        {
          name: 'walking skeleton: compute of user-satisfaction',
          unit: 's',
          value: s(result.skeletonMs),
          baseline: {
            name: 'raw DuckDB scan of the same Parquet columns',
            value: s(result.scanMs),
          },
          ratio: result.skeletonMs / result.scanMs,
        },
      ];
      return figures;
    } finally {
      clients.dynamo.destroy();
      clients.s3.destroy();
      await servers.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function uploadBuckets(s3: S3Client, dir: string, buckets: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < buckets.length) {
      const bucketId = buckets[next++] as string;
      const body = await readFile(join(dir, `bucket=${bucketId}`, 'feedback.jsonl.gz'));
      await s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: rawFeedbackKey(bucketId), Body: body }),
      );
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

function runChild(env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // The compute function's own Node flags (its NODE_OPTIONS on Lambda).
    const flags = COMPUTE_NODE_OPTIONS.split(' ');
    const child = spawn(
      process.execPath,
      [...flags, '--import', 'tsx', 'bench/compute-bench-child.ts'],
      {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`compute bench child exited with ${code}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as ChildResult);
    });
  });
}

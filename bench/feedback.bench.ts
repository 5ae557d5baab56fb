import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalApp } from '../cli/create-local-app.js';
import { serveApp } from '../cli/serve.js';
import { feedbackIdOf } from '../functions/feedback/feedback-id.js';
import {
  buildFeedbackItem,
  feedbackContentOf,
  feedbackFingerprint,
} from '../functions/feedback/feedback-item.js';
import { ORIGIN_VERIFY_HEADER } from '../functions/feedback/origin-verify.js';
import { createRateLimiter, type RateLimiter } from '../functions/feedback/rate-limiter.js';
import { silentLogger } from '../functions/shared/logger.js';
import { putServicesBatch } from '../test/support/put-services-batch.js';
import { startTestStack, TEST_ORIGIN_VERIFY, type TestStack } from '../test/support/test-stack.js';
import { type BenchFigure, type Benchmark, type BenchOptions, median } from './bench-result.js';
import { clientIpOf, type LoadReport, type LoadRequest } from './feedback-load-generator.js';

/** Requests in flight at once on the single-rating path and in its bare baseline. */
const CONCURRENCY = 16;
/** BatchWriteItem calls in flight at once (the import's default) in the bulk baseline. */
const BATCH_CONCURRENCY = 4;
/** Rows per bulk import request (the endpoint's maximum). */
const ROWS_PER_BATCH = 10_000;
const SERVICES = ['iptu-2-via', 'matricula-escolar', 'alvara-funcionamento', 'castracao-animal'];
const STAFF_TOKEN = 'bench-staff-token';
const RAISED_LIMITS = { perClientPerMinute: 1e9, perServicePerMinute: 1e9 };

const RATING = {
  serviceId: SERVICES[0]!,
  rating: 4,
  outcome: 'completed',
  channel: 'telecentro',
  region: 'venda-nova',
  reason: 'time',
  comment: 'Fui bem atendida no telecentro, o sistema estava rápido.',
} as const;

/**
 * Citizen feedback throughput (issue #3), each path against its bare DynamoDB baseline in the
 * same run, on the same embedded dynalite. The benchmark process holds dynalite, the SDK clients
 * and the local app (@hono/node-server), as in `mirante dev`; throughput is counted per
 * CPU-second of that process, so what the code costs shows whatever else the shared machine
 * does.
 * - single ratings: `POST /v1/feedback` over HTTP (limits raised, 16 keep-alive connections, a
 *   new Idempotency-Key per request, clients spread over 1,024 `CloudFront-Viewer-Address`es).
 *   The HTTP client that plays the citizens' browsers runs in a child process
 *   (`feedback-load-generator.ts`), so the figure is ratings per CPU-second of the server
 *   process: HTTP server, app, the rate limiter's UpdateItem and the item's PutItem, SDK and
 *   dynalite included. Baseline: a bare loop of conditional PutItem calls of the same items, 16
 *   in flight, per CPU-second of the same process (SDK + dynalite) — goal ≥ 50%. For context:
 *   the rating path's own two calls (the limiter's counter UpdateItem, then the conditional
 *   PutItem) without HTTP or validation, against the POST and against the bare loop (the
 *   ceiling of the goal's ratio: each call costs about one bare PutItem); and the single path
 *   charged with both processes' CPU (server + load generator);
 * - bulk import: `POST /v1/feedback/batch` with 10,000-row JSON bodies (sent from this process:
 *   one request per 10,000 rows) versus bare BatchWriteItem calls (chunks of 25, 4 in flight,
 *   as the import) of the same items — goal ≥ 60%, and ≥ 5× the single path's server figure.
 * Wall-clock rates are reported too. The machine is shared, so each path and its baseline run
 * in short alternating rounds; a figure is the median over the rounds, and a ratio the median
 * of the rounds' ratios.
 */
export const feedbackBenchmark: Benchmark = {
  name: 'feedback',
  async run(options: BenchOptions): Promise<BenchFigure[]> {
    const stack = await startTestStack();
    const servers: { close(): Promise<void> }[] = [];
    const browsers = startLoadGenerator();
    try {
      await putServicesBatch(
        {
          clients: stack.clients,
          tableName: stack.config.tableName,
          lakeBucket: stack.config.lakeBucket,
        },
        SERVICES,
      );
      const app = createLocalApp({
        stack,
        logger: silentLogger,
        staffToken: STAFF_TOKEN,
        feedbackLimits: RAISED_LIMITS,
      });
      const server = await serveApp(app, 0, '127.0.0.1');
      servers.push(server);
      const url = `http://127.0.0.1:${server.port}`;
      const limiter = createRateLimiter({
        doc: stack.clients.doc,
        tableName: stack.config.tableName,
        ipSalt: stack.secrets.ipSalt,
        limits: RAISED_LIMITS,
      });

      const rounds = Math.max(2, Math.round(3 * options.scale));
      const perRound = 400;

      // Warm up every path (JIT, connection pools, the service catalogue cache).
      await postSingles(browsers, url, 200, 'warm');
      await barePuts(stack, 200, 'warm-bare');
      await bareRatingCalls(stack, limiter, 200, 'warm-pair');
      await postBatch(url, 1_000, 'warm-batch');
      await bareBatchWrites(stack, 1_000, 'warm-bare-batch');

      const single: SingleRate[] = [];
      const bare: Rate[] = [];
      const pairs: Rate[] = [];
      const bulk: Rate[] = [];
      const bareBulk: Rate[] = [];
      for (let round = 1; round <= rounds; round++) {
        single.push(await postSingles(browsers, url, perRound, `single-${round}`));
        bare.push(await barePuts(stack, perRound, `bare-${round}`));
        pairs.push(await bareRatingCalls(stack, limiter, perRound, `pair-${round}`));
        bulk.push(await postBatch(url, ROWS_PER_BATCH, `bulk-${round}`));
        bareBulk.push(await bareBatchWrites(stack, ROWS_PER_BATCH, `bare-bulk-${round}`));
        const show = (r: Rate | undefined) => `${fmt(r?.cpu)} (${fmt(r?.wall)}/s)`;
        const last = single.at(-1);
        options.log(
          `round ${round}, per CPU-second (wall clock): POST ${show(last)} ` +
            `[${fmt(last?.bothCpu)} counting the load generator too], ` +
            `PutItem ${show(bare.at(-1))}, UpdateItem+PutItem ${show(pairs.at(-1))}; ` +
            `batch ${show(bulk.at(-1))} rows, BatchWriteItem ${show(bareBulk.at(-1))} items`,
        );
      }

      const cpu = (rates: readonly Rate[]) => median(rates.map((r) => r.cpu));
      const wall = (rates: readonly Rate[]) => median(rates.map((r) => r.wall));
      const both = single.map((r) => ({ wall: r.wall, cpu: r.bothCpu }));
      const singleRatio = medianRatio(single, bare);
      const bulkRatio = medianRatio(bulk, bareBulk);
      const bulkVsSingle = medianRatio(bulk, single);
      return [
        {
          name:
            `POST /v1/feedback over HTTP (${CONCURRENCY} connections), server process ` +
            '(HTTP server, app, UpdateItem + PutItem, SDK, dynalite)',
          unit: 'ratings per CPU-second',
          value: cpu(single),
          baseline: {
            name: `bare conditional PutItem loop (${CONCURRENCY} in flight; SDK, dynalite)`,
            value: cpu(bare),
          },
          ratio: singleRatio,
          goal: '≥ 0.5',
          pass: singleRatio >= 0.5,
        },
        {
          name: 'POST /v1/feedback over HTTP, server process, versus its own two DynamoDB calls',
          unit: 'ratings per CPU-second',
          value: cpu(single),
          baseline: {
            name: `bare counter UpdateItem + conditional PutItem (${CONCURRENCY} in flight)`,
            value: cpu(pairs),
          },
          ratio: medianRatio(single, pairs),
        },
        {
          name:
            'the rating path’s two DynamoDB calls alone (the ceiling of the first ratio, with ' +
            'HTTP and the app for free)',
          unit: 'ratings per CPU-second',
          value: cpu(pairs),
          baseline: { name: 'bare conditional PutItem loop', value: cpu(bare) },
          ratio: medianRatio(pairs, bare),
        },
        {
          name: 'POST /v1/feedback over HTTP, server and load generator processes together',
          unit: 'ratings per CPU-second',
          value: cpu(both),
          baseline: { name: 'bare conditional PutItem loop', value: cpu(bare) },
          ratio: medianRatio(both, bare),
        },
        {
          name: `POST /v1/feedback/batch (${ROWS_PER_BATCH.toLocaleString('en')}-row JSON bodies)`,
          unit: 'rows per CPU-second',
          value: cpu(bulk),
          baseline: {
            name: `bare BatchWriteItem (25 items, ${BATCH_CONCURRENCY} in flight)`,
            value: cpu(bareBulk),
          },
          ratio: bulkRatio,
          goal: '≥ 0.6',
          pass: bulkRatio >= 0.6,
        },
        {
          name: 'bulk import versus single POSTs (server process)',
          unit: 'rows (ratings) per CPU-second',
          value: cpu(bulk),
          baseline: { name: 'POST /v1/feedback', value: cpu(single) },
          ratio: bulkVsSingle,
          goal: '≥ 5',
          pass: bulkVsSingle >= 5,
        },
        {
          name: 'POST /v1/feedback over HTTP, wall clock',
          unit: 'ratings/s',
          value: wall(single),
          baseline: { name: 'bare conditional PutItem, wall clock', value: wall(bare) },
          ratio: medianRatio(single, bare, 'wall'),
        },
        {
          name: 'POST /v1/feedback/batch, wall clock',
          unit: 'rows/s',
          value: wall(bulk),
          baseline: { name: 'bare BatchWriteItem, wall clock', value: wall(bareBulk) },
          ratio: medianRatio(bulk, bareBulk, 'wall'),
        },
      ];
    } finally {
      browsers.close();
      await Promise.all(servers.map((s) => s.close()));
      await stack.close();
    }
  },
};

/** A throughput: operations per wall-clock second and per CPU-second of this process. */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

/**
 * Runs `work` (which performs `count` operations) and measures its throughput: operations per
 * wall-clock second, and per CPU-second of this process (app, SDK clients and dynalite; not the
 * load generator's child process), which is what the code costs whatever else the shared
 * machine is doing.
 */
async function measure(count: number, work: () => Promise<void>): Promise<Rate> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuStart);
  return { wall: count / seconds, cpu: count / ((used.user + used.system) / 1e6) };
}

/** The median of the ratios of paired measurements (each taken next to its baseline). */
function medianRatio(
  values: readonly Rate[],
  baselines: readonly Rate[],
  clock: keyof Rate = 'cpu',
): number {
  return median(values.map((v, i) => v[clock] / (baselines[i]?.[clock] ?? Number.NaN)));
}

/**
 * The rating path's two DynamoDB calls without HTTP, parsing or validation: the limiter's
 * counter UpdateItem, then the conditional PutItem of the item, `CONCURRENCY` at a time.
 */
async function bareRatingCalls(
  stack: TestStack,
  limiter: RateLimiter,
  count: number,
  prefix: string,
): Promise<Rate> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const now = new Date();
      await limiter.consume({ clientIp: clientIpOf(i), serviceId: RATING.serviceId, now });
      await stack.clients.doc.send(
        new PutCommand({
          TableName: stack.config.tableName,
          Item: itemFor(stack, 'public', `${prefix}-${i}`, now),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    }
  };
  return measure(count, async () => {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  });
}

/** The single path's throughput: `cpu` counts the server process, `bothCpu` both processes. */
interface SingleRate extends Rate {
  readonly bothCpu: number;
}

/** The load generator child process (`feedback-load-generator.ts`). */
interface LoadGenerator {
  run(load: LoadRequest): Promise<LoadReport>;
  close(): void;
}

/** Forks the load generator (with this process's loader flags, so it runs TypeScript too). */
function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./feedback-load-generator.ts', import.meta.url)),
    [],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return {
    run(load) {
      return new Promise((resolve, reject) => {
        const onExit = (code: number | null) =>
          reject(new Error(`the load generator exited (${code})`));
        child.once('exit', onExit);
        child.once('message', (report) => {
          child.off('exit', onExit);
          resolve(report as LoadReport);
        });
        child.send(load);
      });
    },
    close() {
      if (child.connected) child.disconnect();
    },
  };
}

/**
 * Has the load generator send `count` single ratings with distinct keys over HTTP,
 * `CONCURRENCY` at a time; measures this (the server's) process and adds the generator's CPU.
 */
async function postSingles(
  browsers: LoadGenerator,
  url: string,
  count: number,
  prefix: string,
): Promise<SingleRate> {
  let report: LoadReport | undefined;
  const rate = await measure(count, async () => {
    report = await browsers.run({
      url: `${url}/v1/feedback`,
      body: JSON.stringify(RATING),
      count,
      prefix,
      concurrency: CONCURRENCY,
      // As through CloudFront: the test stack's origin-verify value, so the viewer addresses
      // spread the ratings over 1,024 clients.
      headers: { [ORIGIN_VERIFY_HEADER]: TEST_ORIGIN_VERIFY },
    });
  });
  if (!report?.ok) throw new Error(`load generator: ${report?.error ?? 'no report'}`);
  return { ...rate, bothCpu: count / (count / rate.cpu + report.cpuSeconds) };
}

/** The item the rating path stores for a key (same builder, same content). */
function itemFor(stack: TestStack, scope: 'public' | 'import', key: string, now: Date) {
  const content = feedbackContentOf(RATING);
  return buildFeedbackItem({
    id: feedbackIdOf(scope, key),
    content,
    receivedAt: now,
    collectedAt: now,
    fingerprint: feedbackFingerprint(content),
    bucketSeconds: stack.config.bucketSeconds,
    feedbackTtlDays: stack.config.feedbackTtlDays,
  });
}

/** The baseline of the single path: conditional PutItem calls, `CONCURRENCY` at a time. */
async function barePuts(stack: TestStack, count: number, prefix: string): Promise<Rate> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const item = itemFor(stack, 'public', `${prefix}-${next++}`, new Date());
      await stack.clients.doc.send(
        new PutCommand({
          TableName: stack.config.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    }
  };
  return measure(count, async () => {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  });
}

/** A bulk import body of `rows` new rows. */
function batchBody(rows: number, prefix: string): string {
  const collectedAt = new Date(Date.now() - 86_400_000).toISOString();
  return JSON.stringify(
    Array.from({ length: rows }, (_, i) => ({
      idempotencyKey: `${prefix}-${i}`,
      collectedAt,
      ...RATING,
      serviceId: SERVICES[i % SERVICES.length],
      rating: (i % 5) + 1,
    })),
  );
}

/** Posts one bulk import of `rows` new rows (the body built beforehand); returns its rate. */
async function postBatch(url: string, rows: number, prefix: string): Promise<Rate> {
  const body = batchBody(rows, prefix);
  return measure(rows, async () => {
    const res = await fetch(`${url}/v1/feedback/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${STAFF_TOKEN}` },
      body,
    });
    const report = (await res.json()) as { accepted?: number };
    if (res.status !== 200 || report.accepted !== rows) {
      throw new Error(`bulk import: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
    }
  });
}

/**
 * The baseline of the bulk path: bare BatchWriteItem calls of the same items, 25 per call,
 * `BATCH_CONCURRENCY` in flight, unprocessed items sent again at once.
 */
async function bareBatchWrites(stack: TestStack, count: number, prefix: string): Promise<Rate> {
  const now = new Date();
  const table = stack.config.tableName;
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < count; i += 25) {
    chunks.push(
      Array.from({ length: Math.min(25, count - i) }, (_, j) =>
        itemFor(stack, 'import', `${prefix}-${i + j}`, now),
      ),
    );
  }
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let requests = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const out = await stack.clients.doc.send(
          new BatchWriteCommand({ RequestItems: { [table]: requests } }),
        );
        requests = (out.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  };
  return measure(count, async () => {
    await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, worker));
  });
}

function fmt(n: number | undefined): string {
  return n === undefined ? '-' : Math.round(n).toLocaleString('en-US');
}

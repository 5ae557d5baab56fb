import { Agent, request } from 'node:http';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalApp } from '../cli/create-local-app.js';
import { serveApp } from '../cli/serve.js';
import { feedbackIdOf } from '../functions/feedback/feedback-id.js';
import {
  buildFeedbackItem,
  feedbackContentOf,
  feedbackFingerprint,
} from '../functions/feedback/feedback-item.js';
import { createRateLimiter, type RateLimiter } from '../functions/feedback/rate-limiter.js';
import { silentLogger } from '../functions/shared/logger.js';
import { putServicesBatch } from '../test/support/put-services-batch.js';
import { startTestStack, type TestStack } from '../test/support/test-stack.js';
import { type BenchFigure, type Benchmark, type BenchOptions, median } from './bench-result.js';

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
 * same run, on the same embedded dynalite (everything in this one process, as in `mirante dev`):
 * - single ratings: `POST /v1/feedback` over HTTP (the local app on @hono/node-server, limits
 *   raised, 16 connections, a new Idempotency-Key per request, clients spread over 1,024
 *   `CloudFront-Viewer-Address`es) versus a bare loop of conditional PutItem calls of the same
 *   items, 16 at a time — goal ≥ 50%. For context, also versus the rating path's own two calls
 *   (the limiter's counter UpdateItem, then the conditional PutItem) without HTTP or validation;
 * - bulk import: `POST /v1/feedback/batch` with 10,000-row JSON bodies versus bare
 *   BatchWriteItem calls (chunks of 25, 4 in flight, as the import) of the same items — goal
 *   ≥ 60%, and ≥ 5× the single path.
 * The machine is shared, so each path and its baseline run in short alternating rounds; a
 * figure is the median over the rounds, and a ratio the median of the rounds' ratios.
 */
export const feedbackBenchmark: Benchmark = {
  name: 'feedback',
  async run(options: BenchOptions): Promise<BenchFigure[]> {
    const stack = await startTestStack();
    const servers: { close(): Promise<void> }[] = [];
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
      await postSingles(url, 200, 'warm');
      await barePuts(stack, 200, 'warm-bare');
      await bareRatingCalls(stack, limiter, 200, 'warm-pair');
      await postBatch(url, 1_000, 'warm-batch');
      await bareBatchWrites(stack, 1_000, 'warm-bare-batch');

      const single: Rate[] = [];
      const bare: Rate[] = [];
      const pairs: Rate[] = [];
      const bulk: Rate[] = [];
      const bareBulk: Rate[] = [];
      for (let round = 1; round <= rounds; round++) {
        single.push(await postSingles(url, perRound, `single-${round}`));
        bare.push(await barePuts(stack, perRound, `bare-${round}`));
        pairs.push(await bareRatingCalls(stack, limiter, perRound, `pair-${round}`));
        bulk.push(await postBatch(url, ROWS_PER_BATCH, `bulk-${round}`));
        bareBulk.push(await bareBatchWrites(stack, ROWS_PER_BATCH, `bare-bulk-${round}`));
        const show = (r: Rate | undefined) => `${fmt(r?.cpu)} (${fmt(r?.wall)}/s)`;
        options.log(
          `round ${round}, per CPU-second (wall clock): POST ${show(single.at(-1))}, ` +
            `PutItem ${show(bare.at(-1))}, UpdateItem+PutItem ${show(pairs.at(-1))}; ` +
            `batch ${show(bulk.at(-1))} rows, BatchWriteItem ${show(bareBulk.at(-1))} items`,
        );
      }

      const cpu = (rates: readonly Rate[]) => median(rates.map((r) => r.cpu));
      const wall = (rates: readonly Rate[]) => median(rates.map((r) => r.wall));
      const singleRatio = medianRatio(single, bare);
      const bulkRatio = medianRatio(bulk, bareBulk);
      const bulkVsSingle = medianRatio(bulk, single);
      return [
        {
          name: `POST /v1/feedback over HTTP (${CONCURRENCY} connections)`,
          unit: 'ratings per CPU-second',
          value: cpu(single),
          baseline: {
            name: `bare conditional PutItem (${CONCURRENCY} in flight)`,
            value: cpu(bare),
          },
          ratio: singleRatio,
          goal: '≥ 0.5',
          pass: singleRatio >= 0.5,
        },
        {
          name: 'POST /v1/feedback over HTTP, versus its own two DynamoDB calls',
          unit: 'ratings per CPU-second',
          value: cpu(single),
          baseline: {
            name: `bare counter UpdateItem + conditional PutItem (${CONCURRENCY} in flight)`,
            value: cpu(pairs),
          },
          ratio: medianRatio(single, pairs),
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
          name: 'bulk import versus single POSTs',
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
 * Runs `work` (which performs `count` operations) and measures its throughput. Everything —
 * load generator, app, SDK clients and dynalite — runs in this process, so operations per
 * CPU-second of the process is what the code costs, whatever else the shared machine is doing;
 * on an idle machine it equals the wall-clock rate of one core.
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

/** One of 1,024 client addresses. */
const clientIpOf = (i: number) => `10.${(i >> 8) & 3}.${i & 255}.7`;

/**
 * Sends `count` single ratings with distinct keys over HTTP, `CONCURRENCY` at a time on
 * keep-alive connections (plain `node:http`, the leanest client); returns ratings per second.
 */
async function postSingles(url: string, count: number, prefix: string): Promise<Rate> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const body = JSON.stringify(RATING);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const status = await postOnce(agent, `${url}/v1/feedback`, body, {
        'content-type': 'application/json',
        'idempotency-key': `${prefix}-${i}`,
        'cloudfront-viewer-address': `${clientIpOf(i)}:443`,
      });
      if (status !== 201) throw new Error(`single POST answered ${status}`);
    }
  };
  try {
    return await measure(count, async () => {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    });
  } finally {
    agent.destroy();
  }
}

/** One POST; resolves with the status once the answer is read. */
function postOnce(
  agent: Agent,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
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

import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { QUERIES_DIR } from '../cli/project-paths.js';
import { serveApp } from '../cli/serve.js';
import { loadApiConfig } from '../functions/api/api-config.js';
import { createApiApp } from '../functions/api/create-api-app.js';
import { createReadRoutesDeps } from '../functions/api/create-read-routes-deps.js';
import { publishIndicator } from '../functions/publish/publish-indicator.js';
import { awsClientOptionsFromEnv, createAwsClients } from '../functions/shared/aws-clients.js';
import { loadConfig } from '../functions/shared/config.js';
import { silentLogger } from '../functions/shared/logger.js';
import {
  fixtureRows,
  readMetadata,
  readRegistry,
} from '../test/integration/api/support/api-fixtures.js';
import { startTestStack, type TestStack } from '../test/support/test-stack.js';
import { type BenchFigure, type Benchmark, type BenchOptions, median } from './bench-result.js';

/** Connections of the throughput comparison. */
const CONNECTIONS = 50;
/** Requests per second of the latency measurement. */
const FIXED_RATE = 2_000;
/**
 * Connections of the latency measurement. autocannon's `overallRate` hands each connection its
 * share of every second's requests in bursts; at 50 connections those bursts queue in the client
 * even in front of a bare server (p99 of tens of milliseconds for both), so latency is measured
 * at 10, and the bare server's p99 at the same rate is reported beside it.
 */
const FIXED_RATE_CONNECTIONS = 10;
const ROUNDS = 5;
/** The benchmarked request: one indicator, filtered to about 4 KB of JSON. */
const PATH = '/v1/indicators/wifi-hotspots?region=barreiro&vulnerable_area=true';

/** What the server process reports once both servers listen. */
interface ServerReady {
  readonly app: string;
  readonly bare: string;
  readonly bytes: number;
}

/**
 * The public read API on loopback (issue #6), in a server process of its own (the embedded
 * DynamoDB and S3 in a third) so the load generator shares no event loop with either: a cached indicator of about 4 KB
 * (`GET /v1/indicators/wifi-hotspots?region=barreiro&vulnerable_area=true` on
 * @hono/node-server: the full API app with CORS, security headers, request ids, language and
 * filter parsing, ETag) versus a bare `node:http` server returning the same bytes and headers,
 * both with autocannon at 50 connections — goal ≥ 75% of the bare requests/s (median ratio of 5
 * back-to-back rounds, alternating which server goes first), with the server's CPU time per
 * request beside it (steadier on a shared machine); then p99 latency at a fixed 2,000 requests/s
 * — goal ≤ 5 ms — with the bare server's at the same rate.
 */
export const apiBenchmark: Benchmark = {
  name: 'api',
  async run(options: BenchOptions): Promise<BenchFigure[]> {
    const seconds = Math.max(3, Math.round(5 * options.scale));
    // Three processes: the embedded DynamoDB and S3 (like the remote services a Lambda calls),
    // the API server, and this one, which only generates load.
    const stackProcess = await startChild<Record<string, string>>('stack', {});
    let child: ChildProcess | undefined;
    try {
      const started = await startChild<ServerReady>('server', stackProcess.ready);
      child = started.child;
      const { ready } = started;
      options.log(`response body: ${ready.bytes.toLocaleString('en')} bytes (${PATH})`);
      await load(ready.app, { connections: CONNECTIONS, duration: 2 });
      await load(ready.bare, { connections: CONNECTIONS, duration: 2 });
      const app: number[] = [];
      const bare: number[] = [];
      const ratios: number[] = [];
      const appCpu: number[] = [];
      const bareCpu: number[] = [];
      const server = child;
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate which server goes first, so a drift in the machine's load hits both.
        const order = round % 2 === 0 ? [ready.app, ready.bare] : [ready.bare, ready.app];
        const rates = new Map<string, number>();
        const cpu = new Map<string, number>();
        for (const url of order) {
          const before = await serverCpuMicros(server);
          const result = await load(url, { connections: CONNECTIONS, duration: seconds });
          rates.set(url, result.rps);
          cpu.set(url, ((await serverCpuMicros(server)) - before) / Math.max(1, result.requests));
        }
        appCpu.push(cpu.get(ready.app) ?? 0);
        bareCpu.push(cpu.get(ready.bare) ?? 0);
        const appRate = rates.get(ready.app) ?? 0;
        const bareRate = rates.get(ready.bare) ?? 1;
        app.push(appRate);
        bare.push(bareRate);
        ratios.push(appRate / bareRate);
        options.log(
          `round ${round + 1}: API ${fmt(appRate)} req/s, bare ${fmt(bareRate)} req/s (${(appRate / bareRate).toFixed(2)}); server CPU per request: API ${appCpu.at(-1)?.toFixed(1)} µs, bare ${bareCpu.at(-1)?.toFixed(1)} µs`,
        );
      }
      const atFixedRate = (url: string) =>
        load(url, {
          connections: FIXED_RATE_CONNECTIONS,
          duration: Math.max(5, 2 * seconds),
          overallRate: FIXED_RATE,
        });
      const fixed = await atFixedRate(ready.app);
      const fixedBare = await atFixedRate(ready.bare);
      options.log(
        `fixed ${FIXED_RATE} req/s: API achieved ${fmt(fixed.rps)} req/s, p50 ${fixed.p50} ms, p99 ${fixed.p99} ms, errors ${fixed.errors}; bare p50 ${fixedBare.p50} ms, p99 ${fixedBare.p99} ms`,
      );
      const rate = median(app);
      const bareRate = median(bare);
      const ratio = median(ratios);
      return [
        {
          name: `GET cached indicator (${fmt(ready.bytes)} B) at ${CONNECTIONS} connections`,
          unit: 'req/s',
          value: rate,
          baseline: { name: 'bare node:http, same bytes', value: bareRate },
          ratio,
          goal: '≥ 0.75 (median of the rounds’ ratios)',
          pass: ratio >= 0.75,
        },
        {
          // Less sensitive to other processes than requests/s: CPU time is counted only when the
          // server runs. The capacity ratio is bare CPU ÷ API CPU per request.
          name: 'server CPU time per request (informational: capacity ratio = bare ÷ API)',
          unit: 'µs',
          value: median(appCpu),
          baseline: { name: 'bare node:http, same bytes', value: median(bareCpu) },
          ratio: median(bareCpu) / median(appCpu),
        },
        {
          name: `p99 latency at a fixed ${FIXED_RATE.toLocaleString('en')} req/s (${FIXED_RATE_CONNECTIONS} connections)`,
          unit: 'ms',
          value: fixed.p99,
          baseline: { name: 'bare node:http at the same rate', value: fixedBare.p99 },
          goal: '≤ 5 ms',
          pass: fixed.p99 <= 5 && fixed.errors === 0,
        },
      ];
    } finally {
      child?.kill('SIGTERM');
      stackProcess.child.kill('SIGTERM');
    }
  },
};

interface LoadResult {
  readonly rps: number;
  readonly requests: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function load(
  url: string,
  options: { connections: number; duration: number; overallRate?: number },
): Promise<LoadResult> {
  const result = await autocannon({ url: `${url}${PATH}`, ...options });
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    rps: result.requests.total / result.duration,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
  };
}

/** The server process's CPU time so far (user + system), in microseconds. */
function serverCpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { cpu: number }).cpu));
    child.send('cpu');
  });
}

/** Runs this file as a child in a role; resolves with the first message it sends. */
function startChild<T>(
  role: 'stack' | 'server',
  env: Record<string, string>,
): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, MIRANTE_API_BENCH_ROLE: role },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (ready) => resolve({ child, ready: ready as T }));
    child.once('exit', (code) => reject(new Error(`bench ${role} process exited (${code})`)));
  });
}

/**
 * The stack process: embedded DynamoDB and S3 with the benchmarked indicator published; sends
 * the environment the server needs to reach them.
 */
async function serveStack(): Promise<void> {
  const stack = await startTestStack();
  await publishBenchIndicator(stack);
  process.send?.({
    AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
    MIRANTE_TABLE: stack.config.tableName,
    MIRANTE_LAKE_BUCKET: stack.config.lakeBucket,
  } satisfies Record<string, string>);
  process.once('SIGTERM', () => {
    void stack.close().finally(() => process.exit(0));
  });
}

/** Publishes the benchmarked indicator (12 months of `wifi-hotspots`) with the real publisher. */
async function publishBenchIndicator(stack: TestStack): Promise<void> {
  const metadata = await readMetadata('wifi-hotspots');
  const registry = await readRegistry();
  const periods = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
  await publishIndicator(
    {
      doc: stack.clients.doc,
      s3: stack.clients.s3,
      config: { ...stack.config, codeVersion: 'bench' },
      now: () => new Date('2026-01-05T03:00:00.000Z'),
    },
    {
      metadata,
      sqlSha256: 'c'.repeat(64),
      inputs: [
        { key: 'curated/wifi_hotspots/month=2025-12/part-0.parquet', etag: '"b"', rows: 4000 },
      ],
      inputsHash: 'bench',
      rows: fixtureRows(metadata, registry, periods),
      suppressedPrimary: 0,
      suppressedComplementary: 0,
    },
  );
}

/**
 * The server process, like a warm Lambda talking to remote DynamoDB and S3 (the embedded servers
 * run in the stack process): the API app on @hono/node-server, warmed so the indicator is
 * cached, and a bare `node:http` server sending the bytes and headers the app sent.
 */
async function serveForBenchmark(): Promise<void> {
  const clients = createAwsClients(awsClientOptionsFromEnv(process.env));
  const config = loadConfig(process.env);
  const app = createApiApp({
    logger: silentLogger,
    deps: createReadRoutesDeps({
      doc: clients.doc,
      s3: clients.s3,
      tableName: config.tableName,
      lakeBucket: config.lakeBucket,
      config: { ...loadApiConfig({}), manifestTtlMs: 5_000 },
      queriesDir: QUERIES_DIR,
    }),
  });
  const served = await serveApp(app, 0, '127.0.0.1');
  const appUrl = `http://127.0.0.1:${served.port}`;
  const sample = await fetch(`${appUrl}${PATH}`);
  const body = Buffer.from(await sample.arrayBuffer());
  if (sample.status !== 200) throw new Error(`bench request answered ${sample.status}`);
  const headers: Record<string, string> = {};
  sample.headers.forEach((value, name) => {
    if (
      !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'].includes(name)
    ) {
      headers[name] = value;
    }
  });
  const bare = createServer((_req, res) => {
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done));
  const address = bare.address();
  const barePort = typeof address === 'object' && address ? address.port : 0;
  process.send?.({
    app: appUrl,
    bare: `http://127.0.0.1:${barePort}`,
    bytes: body.length,
  } satisfies ServerReady);
  process.on('message', () => {
    const usage = process.cpuUsage();
    process.send?.({ cpu: usage.user + usage.system });
  });
  process.once('SIGTERM', () => {
    bare.close();
    void served.close().finally(() => process.exit(0));
  });
}

function fmt(n: number | undefined): string {
  return n === undefined ? '?' : Math.round(n).toLocaleString('en-US');
}

if (process.env.MIRANTE_API_BENCH_ROLE === 'stack') await serveStack();
if (process.env.MIRANTE_API_BENCH_ROLE === 'server') await serveForBenchmark();

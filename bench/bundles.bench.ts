import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { App, type AssetStaging } from 'aws-cdk-lib';
import { build, type Metafile } from 'esbuild';
import { addMiranteStack } from '../infra/add-mirante-stack.js';
import { API_LAZY_MODULES } from '../infra/constructs/api-function.js';
import {
  BUNDLE_SETTINGS,
  lazyModuleExternals,
  lazyModuleFile,
  ZOD_ALIAS,
} from '../infra/constructs/mirante-function.js';
import { PROJECT_ROOT } from '../infra/project-root.js';
import { parseStageConfig } from '../infra/stage-config.js';
import { type BenchFigure, type Benchmark, median } from './bench-result.js';

/** The request-path functions whose cold start the citizens wait for. */
const REQUEST_FUNCTIONS: readonly {
  name: string;
  entry: string;
  /** Bundled apart and imported on first use (MiranteFunctionProps.lazyModules). */
  lazyModules: readonly string[];
}[] = [
  { name: 'api', entry: 'functions/api/handler.ts', lazyModules: API_LAZY_MODULES },
  { name: 'feedback', entry: 'functions/feedback/handler.ts', lazyModules: [] },
];

/** Goals of issue #9. */
const IMPORT_GOAL_MS = 150;
const COMPUTE_ZIP_GOAL_MB = 30;
const IMPORT_RUNS = 7;

/**
 * Bundles the api and feedback functions with esbuild exactly as their constructs do
 * (BUNDLE_SETTINGS, lazy modules apart), reports each bundle's size, whether DuckDB slipped in
 * (from esbuild's metafile) and the time a fresh Node process takes to import it — the module's
 * top level, the cold-start work before the first request, secrets included (served by a local
 * stub of Secrets Manager) — median of paired runs against the same bundle with
 * `--enable-source-maps` (the baseline, measured in the same run). A lazy module (the api's
 * chart renderer) is not part of that import: its size and the time its import takes after the
 * bundle's (what the first request needing it pays) are reported beside it. Then it synthesizes
 * the stack with real bundling, as `cdk deploy` does, and reports the compute asset's zipped size
 * (DuckDB's native binding is most of it).
 */
export const bundlesBenchmark: Benchmark = {
  name: 'bundles',
  async run({ log }) {
    const work = await mkdtemp(join(tmpdir(), 'mirante-bundles-'));
    const secrets = await startSecretsStub();
    const figures: BenchFigure[] = [];
    try {
      for (const fn of REQUEST_FUNCTIONS) {
        const outfile = join(work, fn.name, 'index.mjs');
        const metafile = await bundle(fn.entry, outfile, fn.lazyModules);
        const bytes = (await stat(outfile)).size;
        const lazyFiles = fn.lazyModules.map((entry) => join(work, fn.name, lazyModuleFile(entry)));
        const lazyBytes: number[] = [];
        for (const file of lazyFiles) {
          const entry = fn.lazyModules[lazyBytes.length] ?? '';
          await bundle(entry, file, []);
          lazyBytes.push((await stat(file)).size);
        }
        if (fn.lazyModules.length > 0) {
          await writeFile(join(work, fn.name, 'package.json'), '{"type":"module"}\n');
        }
        const zipped = await zippedSize(join(work, fn.name));
        const duckdb = Object.keys(metafile.inputs).filter((p) => p.includes('@duckdb')).length;
        // Paired runs (the machine may be shared): as deployed (no source maps), and with them.
        const deployed: number[] = [];
        const bare: number[] = [];
        for (let i = 0; i < IMPORT_RUNS; i++) {
          deployed.push(await importTime(outfile, secrets.url, BUNDLE_SETTINGS.sourceMap));
          bare.push(await importTime(outfile, secrets.url, true));
        }
        const importMs = median(deployed);
        const lazyMs: number[][] = lazyFiles.map(() => []);
        for (let i = 0; i < IMPORT_RUNS; i++) {
          for (const [j, file] of lazyFiles.entries()) {
            lazyMs[j]?.push(await importTime(outfile, secrets.url, false, file));
          }
        }
        const bareMs = median(bare);
        const list = (ts: number[]) => ts.map((t) => t.toFixed(0)).join('/');
        log(
          `${fn.name}: bundle ${(bytes / 1e6).toFixed(2)} MB (${(zipped / 1e6).toFixed(2)} MB zipped with its source map)` +
            fn.lazyModules
              .map(
                (m, i) =>
                  `, ${lazyModuleFile(m)} apart ${((lazyBytes[i] ?? 0) / 1e6).toFixed(2)} MB`,
              )
              .join('') +
            `, ${duckdb} DuckDB modules; ` +
            `import ${list(deployed)} ms (min ${Math.min(...deployed).toFixed(0)}), with source maps ${list(bare)} ms`,
        );
        figures.push(
          { name: `${fn.name} bundle`, unit: 'MB', value: bytes / 1e6 },
          {
            name: `${fn.name} import as deployed (median of ${IMPORT_RUNS})`,
            unit: 'ms',
            value: importMs,
            baseline: { name: 'with --enable-source-maps', value: bareMs },
            ratio: importMs / bareMs,
            goal: `≤ ${IMPORT_GOAL_MS} ms`,
            pass: importMs <= IMPORT_GOAL_MS,
          },
          ...fn.lazyModules.flatMap((m, i): BenchFigure[] => [
            {
              name: `${fn.name} ${lazyModuleFile(m)} (apart, loaded on first use)`,
              unit: 'MB',
              value: (lazyBytes[i] ?? 0) / 1e6,
            },
            {
              name: `${fn.name} ${lazyModuleFile(m)} import on first use (median of ${IMPORT_RUNS})`,
              unit: 'ms',
              value: median(lazyMs[i] ?? []),
            },
          ]),
          {
            name: `${fn.name} DuckDB modules in bundle`,
            unit: 'modules',
            value: duckdb,
            goal: '= 0',
            pass: duckdb === 0,
          },
        );
      }
      const compute = await computeAsset(join(work, 'cdk.out'));
      const zippedMb = (await zippedSize(compute)) / 1e6;
      const duckdbMb = (await zippedSize(join(compute, 'node_modules', '@duckdb'))) / 1e6;
      log(
        `compute asset: ${zippedMb.toFixed(1)} MB zipped, of which @duckdb ${duckdbMb.toFixed(1)} MB`,
      );
      figures.push({
        name: 'compute asset (zipped)',
        unit: 'MB',
        value: zippedMb,
        baseline: { name: '@duckdb alone', value: duckdbMb },
        ratio: zippedMb / duckdbMb,
        goal: `≤ ${COMPUTE_ZIP_GOAL_MB} MB`,
        pass: zippedMb <= COMPUTE_ZIP_GOAL_MB,
      });
      return figures;
    } finally {
      secrets.server.close();
      await rm(work, { recursive: true, force: true });
    }
  },
};

/**
 * esbuild with the constructs' settings (NodejsFunction adds platform node; `zod` is aliased as
 * BUNDLE_SETTINGS.esbuildArgs does); lazy modules stay out of the bundle as MiranteFunction
 * leaves them (their `import('./<file>.js')` kept as is).
 */
async function bundle(
  entry: string,
  outfile: string,
  lazyModules: readonly string[],
): Promise<Metafile> {
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: BUNDLE_SETTINGS.format,
    target: BUNDLE_SETTINGS.target,
    mainFields: [...BUNDLE_SETTINGS.mainFields],
    alias: { zod: join(PROJECT_ROOT, ZOD_ALIAS) },
    banner: { js: BUNDLE_SETTINGS.banner },
    minify: BUNDLE_SETTINGS.minify,
    sourcemap: true, // the map is read only by the run with --enable-source-maps
    sourcesContent: BUNDLE_SETTINGS.sourcesContent,
    external: [...BUNDLE_SETTINGS.externalModules, ...lazyModuleExternals(lazyModules)],
    metafile: true,
    logLevel: 'silent',
  });
  return result.metafile;
}

/**
 * Milliseconds a fresh Node process takes to import a bundle, with the variables the handlers
 * read at their top level, and source maps enabled as MiranteFunction deploys them (or not).
 * With `then`, the milliseconds importing that module takes after the bundle (a lazy module's
 * first use).
 */
function importTime(
  file: string,
  secretsUrl: string,
  sourceMaps: boolean,
  then?: string,
): Promise<number> {
  const url = (f: string) => JSON.stringify(pathToFileURL(f).href);
  const script = then
    ? `await import(${url(file)}); const t = performance.now(); await import(${url(then)}); process.stdout.write(String(performance.now() - t));`
    : `const t = performance.now(); await import(${url(file)}); process.stdout.write(String(performance.now() - t));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: {
        PATH: process.env.PATH,
        NODE_OPTIONS: sourceMaps ? '--enable-source-maps' : '',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsUrl,
        MIRANTE_TABLE: 'mirante-bench',
        MIRANTE_LAKE_BUCKET: 'mirante-bench',
        MIRANTE_SECRETS_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench',
        MIRANTE_ORIGIN_VERIFY_VERSION: '2',
        MIRANTE_QUERIES_DIR: join(PROJECT_ROOT, 'queries'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(out);
      if (code === 0 && Number.isFinite(ms)) resolve(ms);
      else reject(new Error(`importing ${file} failed (exit ${code}): ${err.slice(0, 2000)}`));
    });
  });
}

/**
 * A local stand-in for Secrets Manager's GetSecretValue (the feedback function's cold start: its
 * one secret; the origin-verify values are derived from it).
 */
async function startSecretsStub(): Promise<{ server: Server; url: string }> {
  const secret = JSON.stringify({ receiptKey: 'r'.repeat(64), ipSalt: 's'.repeat(64) });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ ARN: 'arn:bench', Name: 'bench', SecretString: secret }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Synthesizes the dev stack with real bundling and returns the compute asset's folder. */
async function computeAsset(outdir: string): Promise<string> {
  const app = new App({ outdir });
  const stack = addMiranteStack(app, parseStageConfig({ stage: 'dev', codeVersion: 'bench' }));
  app.synth();
  const staging = stack.compute.function.node
    .findAll()
    .find((c): c is AssetStaging => 'absoluteStagedPath' in c);
  if (!staging) throw new Error('the compute function has no staged asset');
  return staging.absoluteStagedPath;
}

/**
 * The size of a folder as a zip archive: each file deflated at level 9 (as cdk-assets zips
 * Lambda code) plus the zip headers.
 */
async function zippedSize(folder: string): Promise<number> {
  let total = 22; // end of central directory
  for (const file of await filesUnder(folder)) {
    const name = relative(folder, file);
    const body = await readFile(file);
    total += deflateRawSync(body, { level: 9 }).length + 30 + 46 + 2 * Buffer.byteLength(name);
  }
  return total;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { loadIndicators } from '../../functions/indicators/load-indicators.js';
import { createLogger } from '../../functions/shared/logger.js';
import { parseCommandArgs, UsageError } from '../args.js';
import type { CommandContext } from '../command-context.js';
import { createLocalApp } from '../create-local-app.js';
import { pollIncoming } from '../incoming-poller.js';
import {
  loadOrCreateStaffToken,
  localPaths,
  readRunningStack,
  writeEndpoints,
} from '../local-files.js';
import { runLocalCycle } from '../local-pipeline.js';
import { openLocalStack } from '../local-stack.js';
import { QUERIES_DIR } from '../project-paths.js';
import { seedLocalStack } from '../seed-local-stack.js';
import { serveApp } from '../serve.js';

/**
 * `mirante dev`: the whole stack on one laptop. Starts the embedded DynamoDB and S3 servers
 * (persisted under `.mirante/`), creates the table and bucket, seeds the demo city on first
 * start, serves the API, and every `MIRANTE_CYCLE_SECONDS` processes files dropped under
 * `incoming/` (the local stand-in for the S3 notification), then runs export + compute.
 * Ctrl-C stops everything cleanly; `--reset` wipes `.mirante/` first.
 */
export async function runDev(ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(ctx.argv, {
    reset: { type: 'boolean', default: false },
    port: { type: 'string' },
  });
  const port = Number(values.port ?? ctx.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`PORT must be a port number, got '${values.port ?? ctx.env.PORT}'.`);
  }
  const cycleSeconds = Number(ctx.env.MIRANTE_CYCLE_SECONDS ?? 15);
  if (!(cycleSeconds > 0)) {
    throw new UsageError('MIRANTE_CYCLE_SECONDS must be a positive number of seconds.');
  }
  const paths = localPaths(`${ctx.cwd}/.mirante`);
  const running = await readRunningStack(paths);
  if (running) {
    throw new UsageError(
      `Mirante is already running at ${running.api} (pid ${running.pid}). Stop it first (Ctrl-C in its terminal).`,
    );
  }
  if (values.reset && existsSync(paths.root)) {
    await rm(paths.root, { recursive: true, force: true });
    ctx.print('Wiped .mirante/.');
  }

  const logger = createLogger({
    service: 'mirante',
    pretty: true,
    level: ctx.env.MIRANTE_LOG_LEVEL === 'debug' ? 'debug' : 'info',
  });
  const stack = await openLocalStack({ paths, env: ctx.env, forceOwn: true });
  const indicators = await loadIndicators(QUERIES_DIR, {
    minCellFloor: stack.config.minCellFloor,
  });
  const staff = await loadOrCreateStaffToken(paths, ctx.env.MIRANTE_STAFF_TOKEN);
  const app = createLocalApp({ stack, logger, staffToken: staff.token, env: ctx.env });
  let served: Awaited<ReturnType<typeof serveApp>>;
  try {
    served = await serveApp(app, port);
  } catch (error) {
    await stack.close();
    throw error;
  }
  const api = `http://localhost:${served.port}`;
  await writeEndpoints(paths, {
    api,
    ...stack.endpoints,
    pid: process.pid,
    table: stack.config.tableName,
    bucket: stack.config.lakeBucket,
    startedAt: new Date().toISOString(),
  });

  let stopping: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let cycle: Promise<unknown> = Promise.resolve();
  // Idempotent: a second Ctrl-C (or the launcher passing the signal on) waits for the same stop.
  const stop = () => {
    stopping ??= shutDown();
    return stopping;
  };
  const shutDown = async () => {
    ctx.print('\nStopping Mirante…');
    if (timer) clearTimeout(timer);
    await cycle.catch(() => undefined);
    await served.close();
    await stack.close();
    await rm(paths.endpoints, { force: true });
    ctx.print('Stopped. Data kept in .mirante/ (npx mirante dev --reset wipes it).');
  };
  const stopped = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => void stop().then(resolve));
    }
  });

  ctx.print('');
  ctx.print(`Mirante is running (stage ${stack.config.stage}, data in .mirante/)`);
  ctx.print(`  Portal        ${api}/`);
  ctx.print(`  API           ${api}/v1/indicators`);
  ctx.print(`  OpenAPI       ${api}/openapi.json   docs: ${api}/docs`);
  ctx.print(
    `  Staff token   ${staff.token}${staff.generated ? '   (generated into .mirante/staff-token)' : ''}`,
  );
  ctx.print(`  DynamoDB      ${stack.endpoints.dynamodb}   S3 ${stack.endpoints.s3}`);
  ctx.print(`  Export + compute every ${cycleSeconds} s. Ctrl-C stops.`);
  ctx.print('');

  if (!existsSync(paths.seeded)) {
    cycle = seedLocalStack(stack, { print: ctx.print, logger, apiUrl: api }).then((summary) =>
      writeFile(paths.seeded, `${JSON.stringify(summary, null, 2)}\n`),
    );
    await cycle;
  }

  const tick = async () => {
    if (stopping) return;
    cycle = pollIncoming(stack, logger)
      .then(() => runLocalCycle(stack, indicators, logger))
      .catch((error: unknown) => {
        logger.error('cycle failed; retrying next cycle', {
          error: error instanceof Error ? error.message : String(error),
        });
      });
    await cycle;
    if (!stopping) timer = setTimeout(() => void tick(), cycleSeconds * 1000);
  };
  await tick();
  await stopped;
  return 0;
}

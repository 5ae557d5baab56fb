import { readFile, realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { text } from 'node:stream/consumers';
import { parseCommandArgs, UsageError } from '../args.js';
import type { CommandContext } from '../command-context.js';
import { createSink } from '../query/create-sink.js';
import { describeViews, renderDescribedViews } from '../query/describe-views.js';
import { historyFile } from '../query/lake-location.js';
import {
  type OutputFormat,
  outputFormatSchema,
  resolveOutputFormat,
} from '../query/output-format.js';
import { QueryError } from '../query/query-error.js';
import { processIo, type QueryIo } from '../query/query-io.js';
import { runRepl } from '../query/query-repl.js';
import type { QuerySession } from '../query/query-session.js';
import {
  SESSION_OPTIONS,
  type SessionSettings,
  sessionSettings,
} from '../query/session-options.js';
import { startSession } from '../query/start-session.js';

const USAGE = `Usage: npx mirante query ["SQL"] [-f FILE] [options]

Ask the lake with SQL, read-only, in a sandbox. With no SQL and no -f, opens an interactive prompt.

  -f, --file FILE        read the statement from FILE
  --describe             list the views, their columns, types and row counts
  --format F             table | csv | json | parquet (default: table on a terminal, csv otherwise)
  -o, --out FILE         write the result to FILE (format from its extension unless --format)
  --lake s3://B/PREFIX   query a deployed lake (synced into ~/.cache/mirante first)
  --no-sync              query the local copy as it is, without syncing
  --timeout SECONDS      stop a statement after this long (default 60)
  --threads N            DuckDB threads (default: cores, at most 8)
  --memory-limit SIZE    DuckDB memory limit, e.g. 2GB (default: half the RAM, at most 8GB)
  --max-rows N           rows a terminal table shows (default 40)

Views: feedback, services, transactions, wifi_hotspots, wifi_reach, device_donations,
telecentros, course_certifications, and indicator_<id> for each published indicator.
See docs/analysts.md.`;

/** `mirante query`: analysts' SQL over the lake copy, in the sandbox (issue #7). */
export function runQuery(ctx: CommandContext): Promise<number> {
  return runQueryCommand(ctx, processIo());
}

/** {@link runQuery} with explicit streams (tests and benchmarks). */
export async function runQueryCommand(ctx: CommandContext, io: QueryIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx.argv, {
    ...SESSION_OPTIONS,
    file: { type: 'string', short: 'f' },
    describe: { type: 'boolean', default: false },
  });
  if (values.help) {
    ctx.print(USAGE);
    return 0;
  }
  if (values.file !== undefined && positionals.length > 0) {
    throw new UsageError('give the SQL either as an argument or with -f FILE, not both');
  }
  const settings = sessionSettings(values, ctx.cwd, ctx.env);
  const out = values.out === undefined ? undefined : resolve(ctx.cwd, values.out);
  const format = resolveOutputFormat(values.format, out, Boolean(io.stdout.isTTY));
  if (out) await refuseOutputInLake(out, settings);
  let sql: string | undefined;
  if (values.file !== undefined) sql = await readSqlFile(resolve(ctx.cwd, values.file));
  else if (positionals.length > 0) sql = positionals.join(' ');

  let session: QuerySession | undefined;
  try {
    session = await startSession(settings, ctx, io);
    if (values.describe) {
      const described = await describeViews(session.sandbox.connection, session.views);
      if (format === 'json') io.stdout.write(`${JSON.stringify(described, null, 2)}\n`);
      else io.stdout.write(`${renderDescribedViews(described).join('\n')}\n`);
      return 0;
    }
    if (sql === undefined && !io.stdin.isTTY) sql = await text(io.stdin);
    if (sql !== undefined) {
      await runOnce(session, sql, { format, out, settings, io });
      return 0;
    }
    if (out)
      throw new UsageError('--out needs a statement: give the SQL as an argument or with -f FILE');
    await runInteractive(session, { format, settings, io, cwd: ctx.cwd });
    return 0;
  } catch (error) {
    if (error instanceof QueryError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    session?.close();
  }
}

interface RunContext {
  readonly format: OutputFormat;
  readonly out?: string | undefined;
  readonly settings: SessionSettings;
  readonly io: QueryIo;
}

async function runOnce(session: QuerySession, sql: string, run: RunContext): Promise<void> {
  const sink = createSink({
    format: run.format,
    out: run.out,
    stdout: run.io.stdout,
    columns: run.io.stdout.isTTY ? run.io.stdout.columns : undefined,
    maxRows: run.io.stdout.isTTY ? run.settings.maxRows : undefined,
  });
  const result = await session.run(sql, sink);
  if (run.out) {
    run.io.stderr.write(
      `Wrote ${result.rowCount.toLocaleString('en-US')} rows to ${run.out} (${run.format}).\n`,
    );
  }
}

async function runInteractive(
  session: QuerySession,
  run: Omit<RunContext, 'out'> & { readonly cwd: string },
): Promise<void> {
  let format: OutputFormat = run.format === 'parquet' ? 'table' : run.format;
  let timeoutMs = run.settings.timeoutMs;
  const { io } = run;
  const datasets = session.views.filter((v) => v.kind === 'dataset' && !v.empty).length;
  const indicators = session.views.filter((v) => v.kind === 'indicator').length;
  await runRepl({
    input: io.stdin,
    output: io.stdout,
    terminal: Boolean(io.stdin.isTTY && io.stdout.isTTY),
    historyFile: historyFile(run.cwd),
    banner: [
      `Mirante query — read-only sandbox over ${run.settings.location.label} (${plural(datasets, 'dataset')} with data, ${plural(indicators, 'published indicator')}).`,
      'End statements with ;  .help for help, .describe for the views, .quit to leave.',
    ],
    handlers: {
      async run(sql, signal) {
        const sink = createSink({
          format,
          stdout: io.stdout,
          columns: io.stdout.isTTY ? io.stdout.columns : undefined,
          maxRows: run.settings.maxRows,
        });
        const result = await session.run(sql, sink, { timeoutMs, signal });
        if (format === 'table') io.stdout.write(`(${(result.elapsedMs / 1000).toFixed(2)} s)\n`);
      },
      async describe() {
        return renderDescribedViews(await describeViews(session.sandbox.connection, session.views));
      },
      setFormat(name) {
        const parsed = outputFormatSchema.safeParse(name);
        if (!parsed.success || parsed.data === 'parquet') {
          return 'Formats at the prompt: table, csv, json (for Parquet use --out FILE.parquet on the command line).';
        }
        format = parsed.data;
        return undefined;
      },
      setTimeoutSeconds(seconds) {
        timeoutMs = seconds * 1000;
        return undefined;
      },
    },
  });
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

async function readSqlFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

/** `--out` must not point into the lake copy (it would change what the views read). */
async function refuseOutputInLake(out: string, settings: SessionSettings): Promise<void> {
  const lake = await realpath(settings.location.lakeDir).catch(() =>
    resolve(settings.location.lakeDir),
  );
  const parent = await realpath(resolve(out, '..')).catch(() => resolve(out, '..'));
  const target = resolve(parent, out.slice(out.lastIndexOf(sep) + 1));
  if (target === lake || target.startsWith(`${lake}${sep}`)) {
    throw new UsageError(`--out ${out} is inside the lake copy (${lake}); write results elsewhere`);
  }
}

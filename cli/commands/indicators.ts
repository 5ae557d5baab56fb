import { join, resolve } from 'node:path';
import { DIMENSION_REGISTRY_FILE } from '../../functions/indicators/dimension-registry.js';
import type { IndicatorDefinition } from '../../functions/indicators/indicator-metadata.js';
import { loadDimensionRegistry } from '../../functions/indicators/load-dimension-registry.js';
import { loadIndicators } from '../../functions/indicators/load-indicators.js';
import { loadConfig } from '../../functions/shared/config.js';
import { parseCommandArgs, UsageError } from '../args.js';
import type { CommandContext } from '../command-context.js';
import { QUERIES_DIR } from '../project-paths.js';
import { closestNames } from '../query/closest-names.js';
import { createSink } from '../query/create-sink.js';
import { indicatorViewName } from '../query/dataset-views.js';
import { renderTable } from '../query/format-table.js';
import { resolveOutputFormat } from '../query/output-format.js';
import { QueryError } from '../query/query-error.js';
import { processIo, type QueryIo } from '../query/query-io.js';
import type { QuerySession } from '../query/query-session.js';
import { runIndicatorUnpublished, WOULD_SUPPRESS } from '../query/run-indicator-unpublished.js';
import { SESSION_OPTIONS, sessionSettings } from '../query/session-options.js';
import { startSession } from '../query/start-session.js';

const USAGE = `Usage: npx mirante indicators <list | show <id> | run <id>> [options]

  list                 the indicator catalogue (queries/)
  show <id>            an indicator's metadata, methodology and SQL
  run <id>             run its SQL against the lake copy and print the rows BEFORE the privacy
                       rules (unpublished; for your own checking). Options as for mirante query:
                       --format, --out, --lake, --no-sync, --timeout, --threads, --memory-limit`;

/** `mirante indicators list | show <id> | run <id>` (issue #7). */
export function runIndicators(ctx: CommandContext): Promise<number> {
  return runIndicatorsCommand(ctx, processIo());
}

/** {@link runIndicators} with explicit streams (tests). */
export async function runIndicatorsCommand(ctx: CommandContext, io: QueryIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx.argv, {
    ...SESSION_OPTIONS,
    queries: { type: 'string' },
  });
  const [action, id, ...extra] = positionals;
  if (values.help || !action) {
    ctx.print(USAGE);
    return values.help ? 0 : 2;
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const queriesDir = values.queries ? resolve(ctx.cwd, values.queries) : QUERIES_DIR;
  const config = loadConfig(ctx.env);
  const definitions = await loadIndicators(queriesDir, { minCellFloor: config.minCellFloor });
  const format = resolveOutputFormat(
    values.format,
    values.out === undefined ? undefined : resolve(ctx.cwd, values.out),
    Boolean(io.stdout.isTTY),
  );

  switch (action) {
    case 'list':
      listIndicators(definitions, format, io);
      return 0;
    case 'show':
      showIndicator(find(definitions, id), format, io);
      return 0;
    case 'run': {
      const definition = find(definitions, id);
      const settings = sessionSettings(values, ctx.cwd, ctx.env);
      const out = values.out === undefined ? undefined : resolve(ctx.cwd, values.out);
      const registry = await loadDimensionRegistry(join(queriesDir, DIMENSION_REGISTRY_FILE));
      const banner = unpublishedBanner(definition);
      let session: QuerySession | undefined;
      try {
        session = await startSession(settings, ctx, io);
        // On the terminal the banner frames the table; with CSV, JSON or a file it goes to stderr
        // so the data stays machine-readable.
        const onTerminal = format === 'table' && !out;
        (onTerminal ? io.stdout : io.stderr).write(`${banner}\n`);
        const sink = createSink({
          format,
          out,
          stdout: io.stdout,
          columns: io.stdout.isTTY ? io.stdout.columns : undefined,
          maxRows: io.stdout.isTTY ? settings.maxRows : undefined,
        });
        const result = await runIndicatorUnpublished(session, definition, sink, {
          timeoutMs: settings.timeoutMs,
          registry,
        });
        if (onTerminal) io.stdout.write(`${banner}\n`);
        io.stderr.write(
          `${result.rowCount} rows; the privacy rules would suppress ${result.wouldSuppress} (${WOULD_SUPPRESS} = true).${out ? ` Written to ${out}.` : ''}\n`,
        );
        if (result.testFailures.length > 0) {
          io.stderr.write(
            `Declared tests failing (compute would not publish this): \n${result.testFailures.map((f) => `  • ${f}`).join('\n')}\n`,
          );
        }
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
    default:
      throw new UsageError(`unknown action '${action}': use list, show <id> or run <id>`);
  }
}

function find(
  definitions: readonly IndicatorDefinition[],
  id: string | undefined,
): IndicatorDefinition {
  if (!id) throw new UsageError('name the indicator: npx mirante indicators show <id>');
  const found = definitions.find((d) => d.metadata.id === id);
  if (found) return found;
  const close = closestNames(
    id,
    definitions.map((d) => d.metadata.id),
  );
  throw new UsageError(
    `unknown indicator '${id}'.${close.length > 0 ? ` Did you mean ${close.join(' or ')}?` : ''} List them with: npx mirante indicators list`,
  );
}

/** The banner printed around an unpublished run. */
export function unpublishedBanner(definition: IndicatorDefinition): string {
  const { id, min_cell: minCell } = definition.metadata;
  return [
    `*** UNPUBLISHED — ${id} computed from the lake copy BEFORE the privacy rules ***`,
    `*** Cells with n < ${minCell} are NOT suppressed here (${WOULD_SUPPRESS} marks what would be). For your own checking: do not share or publish. ***`,
  ].join('\n');
}

function listIndicators(
  definitions: readonly IndicatorDefinition[],
  format: string,
  io: QueryIo,
): void {
  const rows = definitions.map((d) => ({
    id: d.metadata.id,
    theme: d.metadata.theme,
    unit: d.metadata.unit,
    frequency: d.metadata.frequency,
    view: indicatorViewName(d.metadata.id),
    title: d.metadata.title.en,
  }));
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const keys = ['id', 'theme', 'unit', 'frequency', 'view', 'title'] as const;
  if (format === 'csv') {
    io.stdout.write(
      `${[keys.join(','), ...rows.map((r) => keys.map((k) => csvCell(r[k])).join(','))].join('\n')}\n`,
    );
    return;
  }
  const lines = renderTable(
    keys.map((k) => ({ name: k, type: 'text', numeric: false })),
    rows.map((r) => keys.map((k) => r[k])),
    { maxWidth: io.stdout.isTTY ? io.stdout.columns : undefined, maxCellWidth: 60 },
  );
  io.stdout.write(
    `${lines.join('\n')}\n${rows.length} indicators. Details: npx mirante indicators show <id>\n`,
  );
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function showIndicator(definition: IndicatorDefinition, format: string, io: QueryIo): void {
  const m = definition.metadata;
  if (format === 'json') {
    io.stdout.write(
      `${JSON.stringify({ ...m, sql: definition.sql, sql_sha256: definition.sqlSha256 }, null, 2)}\n`,
    );
    return;
  }
  const lines = [
    `${m.id} — ${m.title.en}`,
    `  pt-BR: ${m.title['pt-BR']}`,
    '',
    `Theme ${m.theme} · unit ${m.unit} · ${m.frequency} · chart ${m.chart} · min_cell ${m.min_cell}${m.n ? ` · n counts ${m.n.counts}` : ''}`,
    `Sources: ${m.sources.join(', ')}`,
    `Published view: ${indicatorViewName(m.id)}`,
    '',
    'Description',
    `  ${m.description.en}`,
    `  pt-BR: ${m.description['pt-BR']}`,
    '',
    'Methodology',
    `  ${m.methodology.en}`,
    `  pt-BR: ${m.methodology['pt-BR']}`,
    '',
    'Measures',
    ...m.measures.map((x) => `  ${x.name} (${x.unit}): ${x.label.en}`),
    `Dimensions: ${m.dimensions.length > 0 ? m.dimensions.join(', ') : '(none)'}`,
    `Breakdowns: ${m.breakdowns.map((b) => `[${b.join(', ')}]`).join(' ')}`,
    `Headline: [${m.headline.breakdown.join(', ')}] ${m.headline.measure}, trend ${m.headline.trend}`,
    `Declared tests: ${m.tests.length > 0 ? m.tests.map((t) => JSON.stringify(t)).join('; ') : '(none)'}`,
    `Keywords: ${m.keywords.join(', ')}`,
    '',
    `SQL (queries/${m.id}.sql, sha256 ${definition.sqlSha256.slice(0, 12)}…)`,
    definition.sql.trimEnd(),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
}

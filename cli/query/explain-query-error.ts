import type { CatalogView } from './catalog-info.js';
import { closestNames } from './closest-names.js';
import { QueryError } from './query-error.js';

/**
 * Turns a DuckDB error into the message an analyst sees: DuckDB's own text with its `LINE n:`
 * position marker kept, and, for an unknown view or column, the closest names among the
 * sandbox's views and their columns (DuckDB's own guess may name an internal system view, so it
 * is replaced); a refused file access names the one folder the sandbox reads. Errors that are already {@link QueryError}s pass through.
 */
export function explainQueryError(
  error: unknown,
  context: { readonly views: readonly CatalogView[]; readonly lakeDir: string },
): QueryError {
  const { views } = context;
  if (error instanceof QueryError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  let message = raw.replace(/^Failed to extract statements: /, '').trimEnd();
  const hints: string[] = [];

  const table = message.match(/Table with name ([^\s!]+) does not exist/)?.[1];
  if (table) {
    message = message.replace(/\n?Did you mean "[^"]*"\?/, '');
    const names = views.map((v) => v.name);
    const close = closestNames(table, names);
    hints.push(
      close.length > 0
        ? `Did you mean ${orList(close)}?`
        : `There is no view "${table}". Views: ${names.join(', ')}.`,
    );
    hints.push('List the views and their columns with: npx mirante query --describe');
  }

  const column =
    message.match(/Referenced column "([^"]+)" not found/)?.[1] ??
    message.match(/does not have a column named "([^"]+)"/)?.[1];
  if (column) {
    const owners = new Map<string, string[]>();
    for (const view of views) {
      for (const c of view.columns) owners.set(c.name, [...(owners.get(c.name) ?? []), view.name]);
    }
    const close = closestNames(column, owners.keys());
    if (close.length > 0) {
      const described = close.map((c) => `${c} (${(owners.get(c) ?? []).slice(0, 3).join(', ')})`);
      hints.push(`Closest column names: ${described.join('; ')}.`);
    }
  }
  if (/Permission Error: Cannot access (file|directory)/.test(message)) {
    hints.push(
      `The sandbox reads only the lake copy (${context.lakeDir}): query the views, or read_parquet() files inside it. To save a result, use --out FILE.`,
    );
  }
  if (/Permission Error: .*extension/i.test(message)) {
    hints.push('Extensions can not be installed or loaded in the sandbox.');
  }
  return new QueryError([message, ...hints].join('\n'));
}

function orList(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length <= 1
    ? (quoted[0] ?? '')
    : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

import type { DuckDBConnection } from '@duckdb/node-api';
import type { CatalogView } from './catalog-info.js';
import { sqlIdentifier } from './sql-quote.js';

/** A view with its row count, as `--describe` reports it. */
export interface DescribedView extends CatalogView {
  readonly rows: number;
}

/** Counts the rows of every view (through the sandboxed connection). */
export async function describeViews(
  connection: DuckDBConnection,
  views: readonly CatalogView[],
): Promise<DescribedView[]> {
  const out: DescribedView[] = [];
  for (const view of views) {
    let rows = 0;
    if (!view.empty) {
      const reader = await connection.runAndReadAll(
        `SELECT count(*) AS n FROM ${sqlIdentifier(view.name)}`,
      );
      rows = Number(reader.getRows()[0]?.[0] ?? 0);
    }
    out.push({ ...view, rows });
  }
  return out;
}

/** The described views as text: one block per view with its columns and types. */
export function renderDescribedViews(views: readonly DescribedView[]): string[] {
  const lines: string[] = [];
  for (const view of views) {
    lines.push(`${view.name} — ${view.title}`);
    const where = view.files ?? 'no files in the lake yet';
    lines.push(`  ${view.rows.toLocaleString('en-US')} rows · ${where}`);
    const width = Math.max(...view.columns.map((c) => c.name.length), 4);
    for (const column of view.columns)
      lines.push(`    ${column.name.padEnd(width)}  ${column.type}`);
    lines.push('');
  }
  return lines;
}

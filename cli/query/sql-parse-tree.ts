import type { DuckDBConnection } from '@duckdb/node-api';

/** DuckDB's parse of a text (`json_serialize_sql`): parse only, nothing bound or run. */
export type ParseResult =
  | { readonly kind: 'select'; readonly statements: readonly unknown[] }
  | { readonly kind: 'not-select' }
  | { readonly kind: 'syntax-error' };

/**
 * Parses SQL with DuckDB's own parser through `json_serialize_sql`, which serializes SELECT
 * statements (including DESCRIBE, SUMMARIZE, SHOW, VALUES, FROM-first) and refuses every other
 * kind. Nothing is bound or executed, so it is safe for any text.
 */
export async function parseSelect(connection: DuckDBConnection, sql: string): Promise<ParseResult> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const parsed = JSON.parse(String(reader.getRows()[0]?.[0] ?? '{}')) as {
    error?: boolean;
    error_type?: string;
    statements?: unknown[];
  };
  if (!parsed.error) return { kind: 'select', statements: parsed.statements ?? [] };
  return parsed.error_type === 'parser' ? { kind: 'syntax-error' } : { kind: 'not-select' };
}

/** A function called in a parse tree, with the names of its named parameters. */
export interface FunctionCall {
  readonly name: string;
  readonly table: boolean;
  readonly namedParameters: readonly string[];
}

/** Every function a parse tree calls (table functions in FROM, and scalar/aggregate calls). */
export function functionCalls(tree: unknown): FunctionCall[] {
  const calls: FunctionCall[] = [];
  const visit = (node: unknown, inTableRef: boolean) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, false);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'TABLE_FUNCTION' && record.function) {
      visit(record.function, true);
      for (const [key, value] of Object.entries(record))
        if (key !== 'function') visit(value, false);
      return;
    }
    if (record.class === 'FUNCTION' && typeof record.function_name === 'string') {
      const children = Array.isArray(record.children) ? record.children : [];
      calls.push({
        name: record.function_name.toLowerCase(),
        table: inTableRef,
        namedParameters: children.flatMap((child) => namedParameter(child)),
      });
    }
    for (const value of Object.values(record)) visit(value, false);
  };
  visit(tree, false);
  return calls;
}

/** `name = value` arguments parse as comparisons whose left side is a bare column name. */
function namedParameter(child: unknown): string[] {
  if (!child || typeof child !== 'object') return [];
  const c = child as Record<string, unknown>;
  const left = c.left as Record<string, unknown> | undefined;
  if (
    c.class === 'COMPARISON' &&
    left?.class === 'COLUMN_REF' &&
    Array.isArray(left.column_names)
  ) {
    return left.column_names.length === 1 ? [String(left.column_names[0]).toLowerCase()] : [];
  }
  return [];
}

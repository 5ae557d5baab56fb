import {
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  StatementType,
} from '@duckdb/node-api';
import { RejectedStatementError } from './query-error.js';
import { functionCalls, parseSelect } from './sql-parse-tree.js';

const READ_ONLY_HINT =
  'Only single read statements run here: SELECT (also WITH …, FROM-first, VALUES, TABLE), DESCRIBE, SUMMARIZE, SHOW, and EXPLAIN [ANALYZE] of a SELECT.';

const LOCKED =
  'Settings are locked in the sandbox. Use the command options instead: --timeout, --threads, --memory-limit.';
const READ_ONLY_CATALOG =
  'The catalog is read-only. Use a CTE instead: WITH x AS (SELECT …) SELECT … FROM x.';
const NO_EXTENSIONS = 'Extensions can not be installed or loaded in the sandbox.';

/** Why a statement starting with a keyword is refused (the refusal itself is decided by parsing). */
const WHY: Record<string, string> = {
  COPY: 'COPY writes files, which the sandbox forbids. To save a result, run the SELECT with --out FILE (--format csv, json or parquet).',
  EXPORT: 'EXPORT DATABASE writes files, which the sandbox forbids.',
  IMPORT: 'IMPORT DATABASE changes the catalog, which is read-only.',
  CREATE: READ_ONLY_CATALOG,
  DROP: READ_ONLY_CATALOG,
  ALTER: READ_ONLY_CATALOG,
  COMMENT: READ_ONLY_CATALOG,
  INSERT: 'The lake is read-only.',
  UPDATE: 'The lake is read-only.',
  DELETE: 'The lake is read-only.',
  TRUNCATE: 'The lake is read-only.',
  MERGE: 'The lake is read-only.',
  ATTACH: 'Only the lake views are available: ATTACH and DETACH are refused.',
  DETACH: 'Only the lake views are available: ATTACH and DETACH are refused.',
  INSTALL: NO_EXTENSIONS,
  FORCE: NO_EXTENSIONS,
  LOAD: NO_EXTENSIONS,
  SET: LOCKED,
  RESET: LOCKED,
  USE: LOCKED,
  PRAGMA:
    "PRAGMA statements are refused; for the same answers use SHOW TABLES, DESCRIBE feedback or SELECT * FROM pragma_table_info('feedback').",
  CALL: 'CALL is refused: write SELECT * FROM fn(…) instead.',
  BEGIN: 'Transactions are not needed: every query reads a consistent lake copy.',
  START: 'Transactions are not needed: every query reads a consistent lake copy.',
  COMMIT: 'Transactions are not needed: every query reads a consistent lake copy.',
  ROLLBACK: 'Transactions are not needed: every query reads a consistent lake copy.',
  ABORT: 'Transactions are not needed: every query reads a consistent lake copy.',
  END: 'Transactions are not needed: every query reads a consistent lake copy.',
  PREPARE: 'PREPARE and EXECUTE are refused: run the SELECT itself.',
  EXECUTE: 'PREPARE and EXECUTE are refused: run the SELECT itself.',
  DEALLOCATE: 'PREPARE and EXECUTE are refused: run the SELECT itself.',
  CHECKPOINT: 'The catalog is read-only.',
  VACUUM: 'The catalog is read-only.',
  ANALYZE: 'The catalog is read-only.',
  PIVOT:
    "A bare PIVOT statement creates a type first; select from a PIVOT with its values listed instead: SELECT * FROM (PIVOT t ON col IN ('a', 'b') USING count(*)).",
};

/**
 * Table functions a query may call: readers (confined to the lake by `allowed_directories`),
 * generators and catalog introspection. Anything else — `query()`/`query_table()` (whose SQL
 * text escapes this check), `enable_logging()` (writes log files, even into the lake),
 * `checkpoint()`, `json_execute_serialized_sql()`, `arrow_scan()` … — is refused.
 */
const ALLOWED_TABLE_FUNCTIONS = new Set([
  'read_parquet',
  'parquet_scan',
  'parquet_metadata',
  'parquet_schema',
  'parquet_file_metadata',
  'parquet_kv_metadata',
  'parquet_full_metadata',
  'parquet_bloom_probe',
  'read_csv',
  'read_csv_auto',
  'sniff_csv',
  'read_json',
  'read_json_auto',
  'read_json_objects',
  'read_json_objects_auto',
  'read_ndjson',
  'read_ndjson_auto',
  'read_ndjson_objects',
  'read_text',
  'read_blob',
  'glob',
  'range',
  'generate_series',
  'unnest',
  'repeat',
  'repeat_row',
  'json_each',
  'json_tree',
  'histogram',
  'histogram_values',
  'summary',
  'duckdb_columns',
  'duckdb_constraints',
  'duckdb_databases',
  'duckdb_dependencies',
  'duckdb_extensions',
  'duckdb_functions',
  'duckdb_indexes',
  'duckdb_keywords',
  'duckdb_memory',
  'duckdb_optimizers',
  'duckdb_schemas',
  'duckdb_sequences',
  'duckdb_settings',
  'duckdb_tables',
  'duckdb_types',
  'duckdb_views',
  'duckdb_variables',
  'duckdb_temporary_files',
  'pragma_table_info',
  'pragma_show',
  'pragma_version',
  'pragma_platform',
  'pragma_database_size',
  'pragma_collations',
  'pragma_storage_info',
  'pragma_metadata_info',
  'icu_calendar_names',
  'pg_timezone_names',
  'test_all_types',
]);

/** Named parameters refused on any function: `store_rejects` & co. create tables (one could shadow a view). */
const REFUSED_PARAMETERS = new Set([
  'store_rejects',
  'rejects_table',
  'rejects_scan',
  'rejects_limit',
]);

/** Scalar functions refused (side effects). */
const REFUSED_SCALARS = new Set(['write_log']);

/**
 * Accepts exactly one read statement and returns it prepared (bound, not yet run); anything else
 * throws a {@link RejectedStatementError} saying what was refused and why. Every check happens
 * before DuckDB binds the statement, because binding alone can act (binding `EXPORT DATABASE`
 * creates its folder):
 * 1. `extractStatements` (parse only): exactly one statement;
 * 2. `json_serialize_sql` (parse only): it must be a SELECT — DuckDB parses DESCRIBE, SUMMARIZE,
 *    SHOW, VALUES and FROM-first as SELECT; `EXPLAIN [ANALYZE]` passes when what it explains
 *    does (plain `EXPLAIN ANALYZE COPY … TO` would run the COPY);
 * 3. its parse tree calls only allowed table functions, without `store_rejects`-style
 *    parameters, and no side-effecting scalar;
 * 4. then `prepare`, and the prepared statement's type must be SELECT (or that EXPLAIN).
 *
 * Parse and bind errors (unknown view, bad column, file access refused) propagate as DuckDB
 * errors. The caller runs, then destroys, the returned statement.
 */
export async function prepareReadStatement(
  connection: DuckDBConnection,
  sql: string,
): Promise<DuckDBPreparedStatement> {
  const text = stripLeadingComments(sql);
  if (text.replace(/[;\s]/g, '') === '')
    throw new RejectedStatementError('No SQL statement given.');
  const extracted = await connection.extractStatements(sql);
  if (extracted.count === 0) throw new RejectedStatementError('No SQL statement given.');
  if (extracted.count > 1) {
    throw new RejectedStatementError(
      `Run one statement at a time (DuckDB found ${extracted.count} in this text${/\bpivot\b/i.test(sql) ? `; ${WHY.PIVOT}` : ''}).`,
    );
  }
  const keyword = text.match(/^[A-Za-z]+/)?.[0]?.toUpperCase() ?? '';
  const explained = keyword === 'EXPLAIN' ? explainedStatement(sql) : undefined;
  const checked = explained ?? sql;
  const parsed = await parseSelect(connection, checked);
  if (parsed.kind !== 'select' || parsed.statements.length !== 1) {
    if (keyword === 'EXPLAIN') {
      throw new RejectedStatementError(
        `EXPLAIN is accepted only for a SELECT (EXPLAIN [ANALYZE] SELECT …). ${READ_ONLY_HINT}`,
      );
    }
    const shown =
      keyword === 'UPDATE' && /^update\s+extensions\b/i.test(text) ? 'UPDATE EXTENSIONS' : keyword;
    const why = shown === 'UPDATE EXTENSIONS' ? NO_EXTENSIONS : (WHY[keyword] ?? '');
    throw new RejectedStatementError(
      `${shown || 'This'} statement refused. ${why} ${READ_ONLY_HINT}`.replace(/\s+/g, ' ').trim(),
    );
  }
  for (const call of functionCalls(parsed.statements)) {
    if (call.table && !ALLOWED_TABLE_FUNCTIONS.has(call.name)) {
      throw new RejectedStatementError(
        `The table function ${call.name}() is not available in the sandbox. Readers (read_parquet, read_csv, read_json, glob …), range/generate_series/unnest and the duckdb_* catalog functions are.`,
      );
    }
    const refused = call.namedParameters.find((p) => REFUSED_PARAMETERS.has(p));
    if (refused) {
      throw new RejectedStatementError(
        `${call.name}(${refused} = …) is refused: it creates tables, and the catalog is read-only.`,
      );
    }
    if (!call.table && REFUSED_SCALARS.has(call.name)) {
      throw new RejectedStatementError(`${call.name}() is not available in the sandbox.`);
    }
  }
  const prepared = await extracted.prepare(0);
  const type = prepared.statementType;
  const expected = explained === undefined ? StatementType.SELECT : StatementType.EXPLAIN;
  if (type === expected) return prepared;
  prepared.destroySync();
  throw new RejectedStatementError(
    `${StatementType[type] ?? `Type ${type}`} statement refused. ${READ_ONLY_HINT}`,
  );
}

/**
 * The statement after `EXPLAIN [ANALYZE] [(options)]`, skipping leading comments; undefined when
 * the text doesn't start that way.
 */
export function explainedStatement(sql: string): string | undefined {
  const text = stripLeadingComments(sql);
  const match = text.match(/^explain\b\s*(?:analy[sz]e\b\s*)?(?:\((?:[^()']|'[^']*')*\)\s*)?/i);
  return match ? text.slice(match[0].length) : undefined;
}

function stripLeadingComments(sql: string): string {
  let text = sql;
  for (;;) {
    const trimmed = text.replace(/^\s+/, '');
    if (trimmed.startsWith('--')) {
      const end = trimmed.indexOf('\n');
      text = end < 0 ? '' : trimmed.slice(end + 1);
    } else if (trimmed.startsWith('/*')) {
      const end = trimmed.indexOf('*/');
      text = end < 0 ? '' : trimmed.slice(end + 2);
    } else {
      return trimmed;
    }
  }
}

import type { DatasetDefinition, RowOf } from './dataset-definition.js';
import type { ParsedCsv } from './parse-csv.js';
import {
  echoValue,
  invalidRowsProblem,
  MAX_ROW_ERRORS,
  type RowError,
  rowPointer,
} from './row-errors.js';

/** Rows to validate: a parsed CSV, or the `rows` of a JSON body (`rows[0]` is row 1). */
export type RowsInput = ParsedCsv | readonly unknown[];

/** The outcome of validating a batch: every row typed, or the first (≤ 100) errors. */
export type ValidationResult<Row> =
  | { readonly ok: true; readonly rows: Row[] }
  | { readonly ok: false; readonly errors: RowError[]; readonly errorCount: number };

const isParsedCsv = (input: RowsInput): input is ParsedCsv =>
  !Array.isArray(input) && (input as ParsedCsv).format === 'csv';

/**
 * Validates a batch of rows against a dataset's row schema, and checks that no two rows share
 * the dataset's grain. Returns the typed rows, or up to 100 row errors `{ row, column, value,
 * message, pointer }` in row order plus the total error count. Missing values read "is
 * required"; unknown columns (JSON) "is not a column of <dataset>".
 */
export function validateRows<D extends DatasetDefinition>(
  dataset: D,
  input: RowsInput,
): ValidationResult<RowOf<D>> {
  const csv = isParsedCsv(input) ? input : null;
  const rows: readonly unknown[] = csv ? csv.rows : (input as readonly unknown[]);
  const errors: RowError[] = [];
  let errorCount = 0;
  const report = (e: RowError) => {
    errorCount++;
    if (errors.length < MAX_ROW_ERRORS) errors.push(e);
  };

  // Field-count errors of the CSV interleave with the others in row order.
  const shapeErrors = csv?.rowErrors ?? [];
  let nextShapeError = 0;
  const flushShapeErrorsBefore = (rowNumber: number) => {
    while (nextShapeError < shapeErrors.length) {
      const e = shapeErrors[nextShapeError] as RowError;
      if (e.row > rowNumber) break;
      report(e);
      nextShapeError++;
    }
  };

  const valid: RowOf<D>[] = [];
  const grainSeen = new Map<string, number>();
  const grain = dataset.grain;
  for (let i = 0; i < rows.length; i++) {
    const rowNumber = csv ? (csv.rowNumbers[i] as number) : i + 1;
    const index = csv ? rowNumber - 2 : i;
    if (csv) flushShapeErrorsBefore(rowNumber);
    const raw = rows[i];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      report({
        row: rowNumber,
        column: null,
        value: echoValue(raw),
        message: 'must be an object of column values',
        pointer: rowPointer(index, null),
      });
      continue;
    }
    const record = raw as Record<string, unknown>;
    const parsed = dataset.rowSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) {
            report({
              row: rowNumber,
              column: key,
              value: echoValue(record[key]),
              message: `is not a column of ${dataset.name} (columns: ${dataset.columns.join(', ')})`,
              pointer: rowPointer(index, key),
            });
          }
          continue;
        }
        const column = typeof issue.path[0] === 'string' ? issue.path[0] : null;
        const value = column === null ? undefined : record[column];
        report({
          row: rowNumber,
          column,
          value: echoValue(value),
          message: column !== null && value == null ? 'is required' : issue.message,
          pointer: rowPointer(index, column),
        });
      }
      continue;
    }
    const row = parsed.data;
    let key = '';
    for (const c of grain) key += `${String(row[c])}\u0000`;
    const first = grainSeen.get(key);
    if (first !== undefined) {
      report({
        row: rowNumber,
        column: null,
        value: null,
        message: `repeats row ${first}: same ${grain.join(', ')}`,
        pointer: rowPointer(index, null),
      });
      continue;
    }
    grainSeen.set(key, rowNumber);
    valid.push(row as RowOf<D>);
  }
  flushShapeErrorsBefore(Number.POSITIVE_INFINITY);
  return errorCount === 0 ? { ok: true, rows: valid } : { ok: false, errors, errorCount };
}

/** Like `validateRows`, but throws the 422 `invalid-rows` problem when any row is invalid. */
export function assertValidRows<D extends DatasetDefinition>(
  dataset: D,
  input: RowsInput,
): RowOf<D>[] {
  const result = validateRows(dataset, input);
  if (!result.ok) throw invalidRowsProblem(dataset.name, result.errors, result.errorCount);
  return result.rows;
}

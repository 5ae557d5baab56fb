import { type FieldError, ProblemError } from '../shared/problem.js';

/** At most this many row errors are reported for one batch. */
export const MAX_ROW_ERRORS = 100;

/**
 * One problem with one row. `row` is the number a spreadsheet user sees (CSV: the header is
 * row 1, the first data row is row 2; JSON: `rows[0]` is row 1); `column` is null when the
 * problem is the whole row; `pointer` is the JSON Pointer `/rows/<index>[/<column>]` of the
 * value among the batch's data rows.
 */
export interface RowError {
  readonly row: number;
  readonly column: string | null;
  readonly value: unknown;
  readonly message: string;
  readonly pointer: string;
}

const MAX_VALUE_LENGTH = 200;

/** A value as it is echoed in an error: primitives as given (long text cut), others described. */
export function echoValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string') {
    return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  return Array.isArray(value) ? '[array]' : `[${typeof value}]`;
}

/** The JSON Pointer of a data row (and column) of a batch. */
export function rowPointer(index: number, column: string | null): string {
  const base = `/rows/${index}`;
  return column === null ? base : `${base}/${column.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** Row errors as the `errors` of a problem body. */
export function toFieldErrors(errors: readonly RowError[]): FieldError[] {
  return errors.map((e) => ({
    pointer: e.pointer,
    detail: e.message,
    row: e.row,
    ...(e.column === null ? {} : { column: e.column }),
    value: e.value,
  }));
}

/**
 * The 422 `invalid-rows` problem for a rejected batch: the first errors (at most 100) and the
 * total count (`errorCount`).
 */
export function invalidRowsProblem(
  dataset: string,
  errors: readonly RowError[],
  errorCount: number,
): ProblemError {
  const shown = errors.slice(0, MAX_ROW_ERRORS);
  const more = errorCount > shown.length ? `; the first ${shown.length} are listed` : '';
  return new ProblemError('invalid-rows', {
    detail: `${errorCount} error${errorCount === 1 ? '' : 's'} in the ${dataset} rows${more}. Nothing was stored.`,
    errors: toFieldErrors(shown),
    extensions: { dataset, errorCount },
  });
}

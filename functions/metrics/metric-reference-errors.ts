import type { AnyRow, DatasetDefinition } from '../datasets/dataset-definition.js';
import {
  echoValue,
  invalidRowsProblem,
  MAX_ROW_ERRORS,
  type RowError,
  rowPointer,
} from '../datasets/row-errors.js';

/** What the checks beyond the row schema compare a batch with. */
export interface MetricReferenceContext {
  /** The current month in the city's time zone; later months are refused. */
  readonly currentMonth: string;
  /**
   * The values each referencing column may take (column → the referenced snapshot's keys), for
   * the columns in the dataset's `references`.
   */
  readonly allowed: ReadonlyMap<
    string,
    { readonly dataset: string; readonly values: ReadonlySet<string> }
  >;
}

/** Validated rows with the numbers their author sees (see `ParsedMetricsBody`). */
export interface NumberedRows {
  readonly format: 'csv' | 'json';
  readonly rows: readonly AnyRow[];
  readonly rowNumbers: readonly number[];
}

/**
 * The checks a row schema can't make alone, because they need the clock or other data: a
 * `month` after the current month (figures can't be reported for the future; the current,
 * incomplete month is accepted), and a referencing column (e.g. `transactions.service_id`)
 * whose value is not in the referenced dataset's current snapshot. Returns the first 100
 * errors in row order and the total count.
 */
export function metricReferenceErrors(
  dataset: DatasetDefinition,
  input: NumberedRows,
  context: MetricReferenceContext,
): { readonly errors: RowError[]; readonly errorCount: number } {
  const errors: RowError[] = [];
  let errorCount = 0;
  const hasMonth = (dataset.columns as readonly string[]).includes('month');
  const references = Object.entries(dataset.references).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  input.rows.forEach((row, i) => {
    const rowNumber = input.rowNumbers[i] ?? i + 1;
    const index = input.format === 'csv' ? rowNumber - 2 : i;
    const report = (column: string, message: string) => {
      errorCount++;
      if (errors.length < MAX_ROW_ERRORS) {
        errors.push({
          row: rowNumber,
          column,
          value: echoValue(row[column]),
          message,
          pointer: rowPointer(index, column),
        });
      }
    };
    if (hasMonth && typeof row.month === 'string' && row.month > context.currentMonth) {
      report('month', `is in the future (the current month is ${context.currentMonth})`);
    }
    for (const [column, referenced] of references) {
      const allowed = context.allowed.get(column);
      const value = String(row[column]);
      if (!allowed) continue;
      if (!allowed.values.has(value)) {
        report(
          column,
          allowed.values.size === 0
            ? `cannot be checked: the ${referenced} dataset has no current batch (submit ${referenced} first)`
            : `is not in the current ${referenced} dataset (${allowed.values.size} entries)`,
        );
      }
    }
  });
  return { errors, errorCount };
}

/** Throws the 422 `invalid-rows` problem when {@link metricReferenceErrors} finds any. */
export function assertMetricReferences(
  dataset: DatasetDefinition,
  input: NumberedRows,
  context: MetricReferenceContext,
): void {
  const { errors, errorCount } = metricReferenceErrors(dataset, input, context);
  if (errorCount > 0) throw invalidRowsProblem(dataset.name, errors, errorCount);
}

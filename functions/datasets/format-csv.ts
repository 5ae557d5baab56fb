import { stringify } from 'csv-stringify/sync';
import type { DatasetDefinition, RowOf } from './dataset-definition.js';
import type { CsvDelimiter } from './parse-csv.js';

/**
 * Writes rows of a dataset as CSV in its contract: the canonical header, `\n` line endings,
 * booleans as `true`/`false`, numbers as JavaScript prints them (`.` decimals), quotes only
 * where needed. `parseCsv` reads the result back to the same rows (used by `mirante seed`
 * for `incoming/` files and by templates).
 */
export function formatCsv<D extends DatasetDefinition>(
  dataset: D,
  rows: readonly RowOf<D>[],
  delimiter: CsvDelimiter = ',',
): string {
  return stringify([...rows], {
    header: true,
    columns: [...dataset.columns],
    delimiter,
    record_delimiter: 'unix',
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
}

import { extname } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../args.js';

/** Output formats of `mirante query` and `mirante indicators run`. */
export const outputFormatSchema = z.enum(['table', 'csv', 'json', 'parquet']);

/** An output format. */
export type OutputFormat = z.infer<typeof outputFormatSchema>;

/**
 * The format to write: the one asked for; else the `--out` file's extension (`.csv`, `.json`,
 * `.parquet`; `.txt` gives a table; anything else CSV); else a table on a terminal and CSV when
 * stdout is a pipe or file. Parquet needs `--out` (the command writes the file itself).
 */
export function resolveOutputFormat(
  requested: string | undefined,
  out: string | undefined,
  stdoutIsTTY: boolean,
): OutputFormat {
  let format: OutputFormat;
  if (requested !== undefined) {
    const parsed = outputFormatSchema.safeParse(requested);
    if (!parsed.success) {
      throw new UsageError(
        `--format must be one of table, csv, json, parquet (got '${requested}')`,
      );
    }
    format = parsed.data;
  } else if (out !== undefined) {
    const ext = extname(out).toLowerCase();
    format =
      ext === '.parquet' ? 'parquet' : ext === '.json' ? 'json' : ext === '.txt' ? 'table' : 'csv';
  } else {
    format = stdoutIsTTY ? 'table' : 'csv';
  }
  if (format === 'parquet' && out === undefined) {
    throw new UsageError('--format parquet writes a file: add --out FILE.parquet');
  }
  return format;
}

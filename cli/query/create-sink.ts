import { createCsvSink } from './csv-sink.js';
import { createJsonSink } from './json-sink.js';
import type { OutputFormat } from './output-format.js';
import { createParquetSink } from './parquet-sink.js';
import type { ResultSink } from './result-sink.js';
import { createTableSink } from './table-sink.js';
import { fileOutput, streamOutput } from './text-output.js';

/** Where and how a result is written. */
export interface SinkTarget {
  readonly format: OutputFormat;
  /** Write to this file (through a temporary file renamed at the end) instead of stdout. */
  readonly out?: string | undefined;
  readonly stdout: NodeJS.WritableStream;
  /** Terminal width, when stdout is a terminal (the table fits it). */
  readonly columns?: number | undefined;
  /** Rows a table shows on the terminal (the rest are counted). */
  readonly maxRows?: number | undefined;
}

/** The sink for a format and destination. A table written to a file is complete and uncut. */
export function createSink(target: SinkTarget): ResultSink {
  if (target.format === 'parquet') {
    if (!target.out) throw new Error('parquet output needs a file');
    return createParquetSink(target.out);
  }
  const output = target.out ? fileOutput(target.out) : streamOutput(target.stdout);
  switch (target.format) {
    case 'csv':
      return createCsvSink(output);
    case 'json':
      return createJsonSink(output);
    case 'table':
      return target.out
        ? createTableSink(output, { maxCellWidth: Number.POSITIVE_INFINITY })
        : createTableSink(output, {
            // Some pseudo-terminals report 0 columns: fit only to a real width.
            maxWidth: target.columns && target.columns >= 20 ? target.columns : undefined,
            maxRows: target.maxRows,
          });
  }
}

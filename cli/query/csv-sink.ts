import { csvValue } from './format-value.js';
import type { ResultSink } from './result-sink.js';
import type { TextOutput } from './text-output.js';

/** A result as CSV (RFC 4180): a header of column names, then one line per row. */
export function createCsvSink(output: TextOutput): ResultSink {
  return {
    async start(columns) {
      await output.write(`${columns.map((c) => csvValue(c.name)).join(',')}\n`);
    },
    async write(batch) {
      const rows = batch.rows();
      if (rows.length === 0) return;
      await output.write(`${rows.map((r) => r.map(csvValue).join(',')).join('\n')}\n`);
    },
    end: () => output.end(),
    abort: () => output.abort(),
  };
}

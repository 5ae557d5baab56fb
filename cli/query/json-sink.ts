import { jsonValue } from './format-value.js';
import type { ResultColumn, ResultSink } from './result-sink.js';
import type { TextOutput } from './text-output.js';

/**
 * A result as a JSON array of row objects, one row per line (keys are the column names,
 * de-duplicated when a query repeats one).
 */
export function createJsonSink(output: TextOutput): ResultSink {
  let keys: readonly string[] = [];
  let first = true;
  return {
    async start(columns: readonly ResultColumn[]) {
      keys = columns.map((c) => c.key);
      await output.write('[');
    },
    async write(batch) {
      const rows = batch.rows();
      if (rows.length === 0) return;
      const text = rows
        .map((r) =>
          JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, jsonValue(r[i] ?? null)]))),
        )
        .join(',\n');
      await output.write(`${first ? '\n' : ',\n'}${text}`);
      first = false;
    },
    async end() {
      await output.write(first ? ']\n' : '\n]\n');
      await output.end();
    },
    abort: () => output.abort(),
  };
}

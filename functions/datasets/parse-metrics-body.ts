import { ProblemError } from '../shared/problem.js';
import type { DatasetDefinition, RowOf } from './dataset-definition.js';
import { type CsvDelimiter, parseCsv } from './parse-csv.js';
import { parseJsonRows } from './parse-json-rows.js';
import { assertValidRows } from './validate-rows.js';

/** Largest metrics request body (Lambda's payload limit is 6 MB); larger files go through S3. */
export const MAX_METRICS_BODY_BYTES = 5 * 1024 * 1024;

/** The format of a metrics body, from its media type. */
export type MetricsBodyFormat = 'csv' | 'json';

/** A metrics body, parsed and validated. */
export interface ParsedMetricsBody<Row> {
  readonly format: MetricsBodyFormat;
  /** The detected delimiter of a CSV body. */
  readonly delimiter?: CsvDelimiter;
  readonly rows: Row[];
  /**
   * The row number of each row as its author sees it (CSV: the spreadsheet row, header = 1;
   * JSON: `rows[0]` is 1), for errors found after validation (e.g. an unknown service).
   */
  readonly rowNumbers: readonly number[];
}

/**
 * The body format of a `Content-Type` header: `text/csv` (also `application/csv`) or
 * `application/json` (also `+json` types). Anything else, or a charset other than UTF-8, is a
 * 415 `unsupported-media-type` problem.
 */
export function metricsBodyFormat(contentType: string | undefined): MetricsBodyFormat {
  const [type = '', ...params] = (contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  const unsupported = (detail: string) => new ProblemError('unsupported-media-type', { detail });
  if (charset !== undefined && !['utf-8', 'utf8', '"utf-8"'].includes(charset)) {
    throw unsupported(`Only UTF-8 is accepted, not charset=${charset}`);
  }
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return 'json';
  throw unsupported(
    `Send text/csv or application/json { "rows": [...] }, not ${contentType || 'no Content-Type'}`,
  );
}

/**
 * Parses and validates a metrics request or file body for a dataset (the one path shared by
 * `POST /v1/metrics/{dataset}` and the `incoming/` files). Throws a `ProblemError`: 413 over
 * 5 MB (unless `maxBytes` says otherwise), 415 for another media type, 400 malformed JSON,
 * 422 `unprocessable-content` (empty body, header problems) or 422 `invalid-rows`.
 */
export function parseMetricsBody<D extends DatasetDefinition>(
  dataset: D,
  body: Uint8Array | string,
  contentType: string | undefined,
  maxBytes: number = MAX_METRICS_BODY_BYTES,
): ParsedMetricsBody<RowOf<D>> {
  const format = metricsBodyFormat(contentType);
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (size > maxBytes) {
    throw new ProblemError('payload-too-large', {
      detail: `The body has ${size} bytes; the limit is ${maxBytes}. Upload larger files to incoming/${dataset.name}/ in the lake bucket.`,
    });
  }
  if (format === 'csv') {
    const parsed = parseCsv(dataset, body);
    const rows = assertValidRows(dataset, parsed);
    return { format, delimiter: parsed.delimiter, rows, rowNumbers: parsed.rowNumbers };
  }
  const rows = assertValidRows(dataset, parseJsonRows(dataset, body));
  return { format, rows, rowNumbers: rows.map((_, i) => i + 1) };
}

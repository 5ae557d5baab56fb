import { parse } from 'csv-parse/sync';
import { type FieldError, ProblemError } from '../shared/problem.js';
import {
  FEEDBACK_BATCH_MAX_BYTES,
  FEEDBACK_BATCH_MAX_ROWS,
  feedbackBatchRowSchema,
} from './feedback-batch-schema.js';
import { parseJsonBody } from './json-body.js';
import { requireMediaType } from './media-type.js';
import { decodeUtf8Body, type RawBody } from './utf8-body.js';

/** The raw parts of a bulk import request. */
export interface RawFeedbackBatch {
  readonly contentType: string | null | undefined;
  readonly body: RawBody;
}

/** One record of a bulk import before validation. */
export interface RawBatchRow {
  /** 1-based: the first array element or the first CSV record after the header. */
  readonly row: number;
  readonly value: unknown;
  /** Set when the record is already known to be broken (a CSV record with too few cells). */
  readonly errors?: readonly FieldError[];
}

const COLUMNS = Object.keys(feedbackBatchRowSchema.shape);
const REQUIRED_COLUMNS = Object.entries(feedbackBatchRowSchema.shape)
  .filter(([, schema]) => !schema.safeParse(undefined).success)
  .map(([name]) => name);

/**
 * Splits a bulk import body into records: `application/json` (an array of row objects) or
 * `text/csv` (a header with the row's field names, `,` or `;` separated, UTF-8). Body-level
 * problems are thrown: 415 other media types, 413 over 5 MB or 10,000 rows, 400 invalid UTF-8,
 * malformed JSON or CSV, a JSON body that is not an array, unknown or missing CSV columns, no rows.
 */
export function parseFeedbackBatch(raw: RawFeedbackBatch): RawBatchRow[] {
  const mediaType = requireMediaType(raw.contentType, ['application/json', 'text/csv']);
  const text = decodeUtf8Body(raw.body, FEEDBACK_BATCH_MAX_BYTES);
  const rows = mediaType === 'text/csv' ? csvRows(text) : jsonRows(text);
  if (rows.length === 0) {
    throw new ProblemError('validation', {
      detail: 'The batch holds no rows.',
      errors: [{ pointer: '', detail: 'at least one row is required' }],
    });
  }
  if (rows.length > FEEDBACK_BATCH_MAX_ROWS) {
    throw new ProblemError('payload-too-large', {
      detail: `A batch holds at most ${FEEDBACK_BATCH_MAX_ROWS.toLocaleString('en')} rows; split it.`,
    });
  }
  return rows;
}

function jsonRows(text: string): RawBatchRow[] {
  const json = parseJsonBody(text);
  if (!Array.isArray(json)) {
    throw new ProblemError('validation', {
      detail: 'The body must be a JSON array of rows.',
      errors: [{ pointer: '', detail: 'must be an array' }],
    });
  }
  return json.map((value, i) => ({ row: i + 1, value }));
}

function csvRows(text: string): RawBatchRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw new ProblemError('bad-request', {
      detail: `The CSV cannot be read: ${error instanceof Error ? error.message : 'syntax error'}`,
    });
  }
  const [header = [], ...data] = records;
  const errors: FieldError[] = [];
  header.forEach((name, i) => {
    if (!COLUMNS.includes(name) || header.indexOf(name) !== i) {
      errors.push({
        pointer: `/columns/${i}`,
        detail: COLUMNS.includes(name) ? `duplicate column "${name}"` : `unknown column "${name}"`,
      });
    }
  });
  for (const name of REQUIRED_COLUMNS) {
    if (!header.includes(name))
      errors.push({ pointer: '/columns', detail: `missing column "${name}"` });
  }
  if (errors.length > 0) {
    throw new ProblemError('validation', {
      detail: `The CSV header must name the columns ${COLUMNS.join(', ')}.`,
      errors,
    });
  }
  return data.map((cells, i) => {
    if (cells.length !== header.length) {
      return {
        row: i + 1,
        value: undefined,
        errors: [
          { pointer: '', detail: `has ${cells.length} cells, the header has ${header.length}` },
        ],
      };
    }
    const value: Record<string, unknown> = {};
    header.forEach((name, c) => {
      const cell = cells[c]!;
      if (cell === '') return;
      value[name] = name === 'rating' && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
    });
    return { row: i + 1, value };
  });
}

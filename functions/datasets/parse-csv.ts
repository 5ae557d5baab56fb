import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { ProblemError } from '../shared/problem.js';
import type { ColumnKind } from './column-types.js';
import type { DatasetDefinition } from './dataset-definition.js';
import { decodeUtf8 } from './decode-utf8.js';
import { type RowError, rowPointer } from './row-errors.js';

/** The delimiters Mirante reads (`;` is what spreadsheets in pt-BR write). */
export type CsvDelimiter = ',' | ';';

/**
 * A CSV body parsed against a dataset's header contract, not yet validated: `rows` hold the
 * cells decoded by column kind (numbers, booleans; empty cells left out), `rowNumbers[i]` is
 * the spreadsheet row of `rows[i]` (header = row 1; blank lines are skipped but counted, and a
 * row's error pointer is `/rows/<row - 2>`), and `rowErrors` lists rows with the wrong number
 * of fields (those rows are not in `rows`).
 */
export interface ParsedCsv {
  readonly format: 'csv';
  readonly delimiter: CsvDelimiter;
  readonly rows: Record<string, unknown>[];
  readonly rowNumbers: number[];
  readonly rowErrors: RowError[];
}

/** Picks `,` or `;`: whichever occurs more often in the header line, outside quotes. */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted) {
      if (ch === '\n' || ch === '\r') break;
      if (ch === ',') commas++;
      else if (ch === ';') semicolons++;
    }
  }
  return semicolons > commas ? ';' : ',';
}

/** A header name as compared with the contract: trimmed and lower-cased. */
const normalizeHeader = (name: string): string => name.trim().toLowerCase();

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;
const TRUE_WORDS = new Set(['true', 'sim', 'verdadeiro']);
const FALSE_WORDS = new Set(['false', 'não', 'nao', 'falso']);

/**
 * Decodes one trimmed CSV cell by its column's kind. What doesn't look like the kind stays
 * text, so the row schema reports it with the column's own message. Integers take digits only
 * (a pt-BR `1.000` is rejected, not read as 1); decimals take `.` or `,`; booleans take
 * true/false, sim/não (also nao) and Excel's VERDADEIRO/FALSO, in any letter case.
 */
export function decodeCell(cell: string, kind: ColumnKind): unknown {
  switch (kind) {
    case 'integer':
      return INTEGER.test(cell) ? Number(cell) : cell;
    case 'decimal':
      return DECIMAL.test(cell) ? Number(cell.replace(',', '.')) : cell;
    case 'boolean': {
      const word = cell.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return cell;
    }
    default:
      return cell;
  }
}

function headerProblem(dataset: DatasetDefinition, header: string[]): ProblemError | null {
  const expected = dataset.columns;
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const name of header) {
    if (seen.has(name)) duplicates.push(name);
    seen.add(name);
  }
  const missing = expected.filter((c) => !seen.has(c));
  const extra = header
    .map((name, i) => (name === '' ? `(column ${i + 1} has no name)` : name))
    .filter((name) => !expected.includes(name));
  if (missing.length === 0 && extra.length === 0 && duplicates.length === 0) return null;
  const parts = [
    missing.length > 0 ? `missing columns: ${missing.join(', ')}` : '',
    extra.length > 0 ? `unexpected columns: ${extra.join(', ')}` : '',
    duplicates.length > 0 ? `repeated columns: ${duplicates.join(', ')}` : '',
  ].filter(Boolean);
  return new ProblemError('unprocessable-content', {
    detail: `The header does not match the ${dataset.name} dataset — ${parts.join('; ')}. Expected header: ${expected.join(',')}`,
    extensions: {
      dataset: dataset.name,
      missingColumns: missing,
      extraColumns: extra,
      duplicateColumns: duplicates,
      expectedColumns: expected,
    },
  });
}

function parseRecords(text: string, delimiter: CsvDelimiter): string[][] {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      trim: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? ` (near line ${error.lines})` : '';
      throw new ProblemError('unprocessable-content', {
        detail: `The CSV cannot be read${line}: ${error.message}`,
        extensions: { csvError: error.code },
      });
    }
    throw error;
  }
}

/**
 * Parses a CSV body for a dataset: UTF-8 with or without BOM (invalid UTF-8 is rejected),
 * `,` or `;` detected from the header line, quoted fields (with delimiters, line breaks and
 * doubled quotes inside), CRLF or LF. Header names are compared trimmed and case-insensitively,
 * in any order. Throws a 422 `unprocessable-content` problem for an empty body, a header that
 * doesn't match the contract (naming the missing, unexpected and repeated columns), unreadable
 * CSV, or a file with no data rows. Row-level problems are left to `validateRows`.
 */
export function parseCsv(dataset: DatasetDefinition, body: Uint8Array | string): ParsedCsv {
  const text = decodeUtf8(body);
  if (text.trim() === '') {
    throw new ProblemError('unprocessable-content', {
      detail: `The body is empty. Expected a CSV with the header ${dataset.columns.join(',')}`,
    });
  }
  const delimiter = detectDelimiter(text);
  const records = parseRecords(text, delimiter);
  const header = (records[0] ?? []).map(normalizeHeader);
  if (header.length === 1 && header[0]?.includes('\t')) {
    throw new ProblemError('unprocessable-content', {
      detail: 'The file looks tab-separated; Mirante reads CSV separated by "," or ";".',
    });
  }
  const problem = headerProblem(dataset, header);
  if (problem) throw problem;

  const width = header.length;
  const kinds = header.map((name) => dataset.columnKinds[name] as ColumnKind);
  const rows: Record<string, unknown>[] = [];
  const rowNumbers: number[] = [];
  const rowErrors: RowError[] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r] as string[];
    if (cells.every((c) => c === '')) continue;
    const rowNumber = r + 1;
    if (
      cells.length < width ||
      (cells.length > width && cells.slice(width).some((c) => c !== ''))
    ) {
      rowErrors.push({
        row: rowNumber,
        column: null,
        value: null,
        message: `has ${cells.length} fields; the header has ${width}`,
        pointer: rowPointer(rowNumber - 2, null),
      });
      continue;
    }
    const row: Record<string, unknown> = {};
    for (let c = 0; c < width; c++) {
      const cell = (cells[c] as string).trim();
      if (cell !== '') row[header[c] as string] = decodeCell(cell, kinds[c] as ColumnKind);
    }
    rows.push(row);
    rowNumbers.push(rowNumber);
  }
  if (rows.length === 0 && rowErrors.length === 0) {
    throw new ProblemError('unprocessable-content', {
      detail: `The CSV has a header but no data rows; nothing to store in ${dataset.name}.`,
    });
  }
  return { format: 'csv', delimiter, rows, rowNumbers, rowErrors };
}

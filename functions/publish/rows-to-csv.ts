/** A field that must be quoted: it holds a comma, quote or line break. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Serialises rows as RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break; `null` is an empty field; numbers as JavaScript prints them (as in
 * the JSON file).
 */
export function rowsToCsv(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
): string {
  const lines: string[] = new Array(rows.length + 1);
  lines[0] = columns.map(csvField).join(',');
  const fields: string[] = new Array(columns.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Readonly<Record<string, unknown>>;
    for (let c = 0; c < columns.length; c++) fields[c] = csvField(row[columns[c] as string]);
    lines[r + 1] = fields.join(',');
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A column of a rendered table. */
export interface TableColumn {
  readonly name: string;
  /** Type shown under the name (e.g. `VARCHAR`, `BIGINT`). */
  readonly type: string;
  /** Right-align the cells (numbers). */
  readonly numeric: boolean;
}

/** How much room a table has. */
export interface TableLayout {
  /** Total width available (terminal columns); unlimited when undefined. */
  readonly maxWidth?: number | undefined;
  /** Longest cell shown before it is cut with `…` (default 40; unlimited when Infinity). */
  readonly maxCellWidth?: number;
}

const MIN_COLUMN_WIDTH = 6;

/**
 * Renders rows of display strings as an aligned box table: header with names and types, numbers
 * right-aligned, long cells cut with `…`. When the table is wider than `maxWidth`, the widest
 * columns shrink first (down to a few characters), then columns on the right are left out, and a
 * last line names them. Returns the lines.
 */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  layout: TableLayout = {},
): string[] {
  const maxCell = layout.maxCellWidth ?? 40;
  const natural = columns.map((c, i) =>
    Math.min(
      maxCell,
      Math.max(width(c.name), width(c.type), ...rows.map((r) => width(r[i] ?? ''))),
    ),
  );
  const widths = [...natural];
  let shown = columns.length;
  const total = () => widths.slice(0, shown).reduce((sum, w) => sum + w + 3, 1);
  if (layout.maxWidth !== undefined) {
    const limit = layout.maxWidth;
    while (total() > limit) {
      let widest = -1;
      for (let i = 0; i < shown; i++) {
        const w = widths[i] as number;
        if (w > MIN_COLUMN_WIDTH && (widest < 0 || w > (widths[widest] as number))) widest = i;
      }
      if (widest >= 0) widths[widest] = (widths[widest] as number) - 1;
      else if (shown > 1) shown -= 1;
      else break;
    }
  }
  const visible = columns.slice(0, shown);
  const cell = (text: string, i: number, numeric: boolean) => {
    const w = widths[i] as number;
    const cut = cutTo(text, w);
    const pad = ' '.repeat(w - width(cut));
    return numeric ? pad + cut : cut + pad;
  };
  const line = (l: string, m: string, r: string) =>
    l + visible.map((_, i) => '─'.repeat((widths[i] as number) + 2)).join(m) + r;
  const out = [
    line('┌', '┬', '┐'),
    `│ ${visible.map((c, i) => cell(c.name, i, false)).join(' │ ')} │`,
    `│ ${visible.map((c, i) => cell(c.type.toLowerCase(), i, false)).join(' │ ')} │`,
    line('├', '┼', '┤'),
    ...rows.map((r) => `│ ${visible.map((c, i) => cell(r[i] ?? '', i, c.numeric)).join(' │ ')} │`),
    line('└', '┴', '┘'),
  ];
  if (shown < columns.length) {
    const hidden = columns.slice(shown).map((c) => c.name);
    out.push(
      `${hidden.length} more column${hidden.length === 1 ? '' : 's'} not shown: ${hidden.join(', ')} (use --format csv, or select fewer columns)`,
    );
  }
  return out;
}

/** Display width of a text (code points; good enough for Latin scripts). */
function width(text: string): number {
  return [...text].length;
}

function cutTo(text: string, w: number): string {
  const chars = [...text];
  return chars.length <= w ? text : `${chars.slice(0, Math.max(0, w - 1)).join('')}…`;
}

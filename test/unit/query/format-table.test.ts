import { describe, expect, it } from 'vitest';
import { renderTable } from '../../../cli/query/format-table.js';

const columns = [
  { name: 'region', type: 'VARCHAR', numeric: false },
  { name: 'n', type: 'BIGINT', numeric: true },
];

describe('renderTable', () => {
  it('aligns text left and numbers right under a header of names and types', () => {
    expect(
      renderTable(columns, [
        ['barreiro', '7'],
        ['venda-nova', '1234'],
      ]),
    ).toEqual([
      '┌────────────┬────────┐',
      '│ region     │ n      │',
      '│ varchar    │ bigint │',
      '├────────────┼────────┤',
      '│ barreiro   │      7 │',
      '│ venda-nova │   1234 │',
      '└────────────┴────────┘',
    ]);
  });

  it('cuts cells longer than the cell width with an ellipsis', () => {
    const lines = renderTable(
      [{ name: 'comment', type: 'VARCHAR', numeric: false }],
      [['x'.repeat(50)]],
      {
        maxCellWidth: 10,
      },
    );
    expect(lines[4]).toBe(`│ ${'x'.repeat(9)}… │`);
  });

  it('shrinks the widest column to fit the terminal width', () => {
    const lines = renderTable(
      [
        { name: 'a', type: 'VARCHAR', numeric: false },
        { name: 'b', type: 'VARCHAR', numeric: false },
      ],
      [['a'.repeat(30), 'b'.repeat(10)]],
      { maxWidth: 30 },
    );
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(30);
    expect(lines[4]).toContain('b'.repeat(10));
    expect(lines[4]).toContain('…');
  });

  it('leaves out columns on the right when even narrow columns do not fit, and names them', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      name: `column_${i}`,
      type: 'VARCHAR',
      numeric: false,
    }));
    const lines = renderTable(many, [many.map((c) => c.name)], { maxWidth: 40 });
    const last = lines[lines.length - 1] ?? '';
    expect(last).toMatch(/more columns not shown: .*column_11 \(use --format csv/);
    for (const line of lines.slice(0, -1)) expect([...line].length).toBeLessThanOrEqual(40);
  });

  it('renders an empty result as a header', () => {
    expect(renderTable(columns, [])).toHaveLength(5);
  });
});

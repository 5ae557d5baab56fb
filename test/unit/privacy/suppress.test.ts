import { describe, expect, it } from 'vitest';
import type { IndicatorMetadata } from '../../../functions/indicators/indicator-metadata.js';
import { suppress, suppressInPlace } from '../../../functions/privacy/suppress.js';
import type { IndicatorRow } from '../../../functions/publish/indicator-row.js';

const label = { 'pt-BR': 'x', en: 'x' };

function meta(
  dimensions: string[],
  minCell = 10,
): Pick<IndicatorMetadata, 'dimensions' | 'measures' | 'min_cell'> {
  return {
    dimensions,
    measures: [
      { name: 'value', label, unit: 'percent' },
      { name: 'share', label, unit: 'percent' },
    ],
    min_cell: minCell,
  };
}

/** A row of period 2024-01 with the given dimension values and n (value = 2n, share = n/2). */
function row(dims: Record<string, string>, n: number, period = '2024-01'): IndicatorRow {
  return { period, ...dims, value: 2 * n, n, status: '', share: n / 2 };
}

const suppressedOf = (rows: readonly IndicatorRow[], dimension: string) =>
  rows.filter((r) => r.status === 'C').map((r) => r[dimension]);

describe('suppress', () => {
  it('publishes everything unchanged when min_cell is 0 (indicators counting things)', () => {
    const rows = [
      row({ region: '_T' }, 3),
      row({ region: 'leste' }, 1),
      row({ region: 'oeste' }, 2),
    ];
    const result = suppress(rows, meta(['region'], 0));
    expect(result.rows).toEqual(rows);
    expect(result.suppressedPrimary).toBe(0);
    expect(result.suppressedComplementary).toBe(0);
  });

  it('suppresses a small cell and, as its complement, the next-smallest cell of the group', () => {
    const rows = [
      row({ region: '_T' }, 100),
      row({ region: 'barreiro' }, 40),
      row({ region: 'leste' }, 4),
      row({ region: 'norte' }, 25),
      row({ region: 'oeste' }, 31),
    ];
    const result = suppress(rows, meta(['region']));
    expect(suppressedOf(result.rows, 'region')).toEqual(['leste', 'norte']);
    expect(result.suppressedPrimary).toBe(1);
    expect(result.suppressedComplementary).toBe(1);
    expect(result.rows[2]).toEqual({
      period: '2024-01',
      region: 'leste',
      value: null,
      n: null,
      status: 'C',
      share: null,
    });
    // Published rows are untouched, the total included.
    expect(result.rows[0]).toEqual(rows[0]);
    expect(result.rows[1]).toEqual(rows[1]);
  });

  it('needs no complement when two cells of the group are already small', () => {
    const rows = [
      row({ channel: '_T' }, 60),
      row({ channel: 'app' }, 3),
      row({ channel: 'phone' }, 7),
      row({ channel: 'web' }, 50),
    ];
    const result = suppress(rows, meta(['channel']));
    expect(suppressedOf(result.rows, 'channel')).toEqual(['app', 'phone']);
    expect(result.suppressedComplementary).toBe(0);
  });

  it('suppresses the total and every child when the total itself is below min_cell', () => {
    const rows = [
      row({ region: '_T' }, 9),
      row({ region: 'leste' }, 5),
      row({ region: 'norte' }, 4),
    ];
    const result = suppress(rows, meta(['region']));
    expect(result.rows.every((r) => r.status === 'C')).toBe(true);
    expect(result.suppressedPrimary).toBe(3);
    expect(result.suppressedComplementary).toBe(0);
  });

  it('protects a small total whose children are not small (non-additive n) by suppressing the smallest child', () => {
    // e.g. people counted per region can exceed a deduplicated total: the total alone is small.
    const rows = [
      row({ region: '_T' }, 8),
      row({ region: 'leste' }, 12),
      row({ region: 'norte' }, 11),
    ];
    const result = suppress(rows, meta(['region']));
    expect(suppressedOf(result.rows, 'region')).toEqual(['_T', 'norte']);
    expect(result.suppressedPrimary).toBe(1);
    expect(result.suppressedComplementary).toBe(1);
  });

  it('suppresses the total when the group has a single child (the child equals the total)', () => {
    const rows = [
      row({ region: '_T' }, 6),
      row({ region: 'leste' }, 6),
      row({ region: '_T' }, 40, '2024-02'),
      row({ region: 'leste' }, 40, '2024-02'),
    ];
    const result = suppress(rows, meta(['region'], 10));
    expect(result.rows.map((r) => r.status)).toEqual(['C', 'C', '', '']);
  });

  it('keeps every row and column of a two-way table safe (a rectangle of suppressions)', () => {
    // channel × region with margins. Only app/leste (3) is small.
    const cells: [string, string, number][] = [
      ['app', 'leste', 3],
      ['app', 'norte', 20],
      ['app', 'oeste', 30],
      ['web', 'leste', 15],
      ['web', 'norte', 40],
      ['web', 'oeste', 50],
    ];
    const rows: IndicatorRow[] = [
      ...cells.map(([channel, region, n]) => row({ channel, region }, n)),
      row({ channel: 'app', region: '_T' }, 53),
      row({ channel: 'web', region: '_T' }, 105),
      row({ channel: '_T', region: 'leste' }, 18),
      row({ channel: '_T', region: 'norte' }, 60),
      row({ channel: '_T', region: 'oeste' }, 80),
      row({ channel: '_T', region: '_T' }, 158),
    ];
    const result = suppress(rows, meta(['channel', 'region']));
    const suppressed = result.rows
      .filter((r) => r.status === 'C')
      .map((r) => `${r.channel}/${r.region}`);
    // app/leste is primary; app/norte is the smallest other cell of the app row; web/leste the
    // only other cell of the leste column; then the web row has one suppressed cell (leste) and
    // gets web/norte, its smallest published cell — closing the rectangle.
    expect(suppressed.sort()).toEqual(['app/leste', 'app/norte', 'web/leste', 'web/norte']);
    // The margins stay published.
    expect(
      result.rows
        .filter((r) => r.channel === '_T' || r.region === '_T')
        .every((r) => r.status === ''),
    ).toBe(true);
    expect(result.suppressedPrimary).toBe(1);
    expect(result.suppressedComplementary).toBe(3);
  });

  it('treats each period separately and keeps the status of published rows', () => {
    const rows = [
      { ...row({ region: '_T' }, 50, '2024-02'), status: 'p' as const },
      { ...row({ region: 'leste' }, 20, '2024-02'), status: 'p' as const },
      { ...row({ region: 'norte' }, 30, '2024-02'), status: 'p' as const },
      row({ region: '_T' }, 50),
      row({ region: 'leste' }, 2),
      row({ region: 'norte' }, 48),
    ];
    const result = suppress(rows, meta(['region']));
    expect(result.rows.map((r) => r.status)).toEqual(['p', 'p', 'p', '', 'C', 'C']);
  });

  it('counts an unknown (_U) cell as a member of its group', () => {
    const rows = [
      row({ region: '_T' }, 70),
      row({ region: 'leste' }, 30),
      row({ region: '_U' }, 5),
      row({ region: 'norte' }, 35),
    ];
    const result = suppress(rows, meta(['region']));
    expect(suppressedOf(result.rows, 'region')).toEqual(['leste', '_U']);
  });

  it('rejects rows that share a grain', () => {
    const rows = [row({ region: 'leste' }, 30), row({ region: 'leste' }, 31)];
    expect(() => suppress(rows, meta(['region']))).toThrow(/share the grain/);
  });

  it('breaks a tie in n between complements by the grain, whatever order the rows come in', () => {
    const rows = [
      row({ region: '_T' }, 100),
      row({ region: 'oeste' }, 20),
      row({ region: 'leste' }, 5),
      row({ region: 'norte' }, 20),
      row({ region: 'barreiro' }, 55),
    ];
    const forward = suppressedOf(suppress(rows, meta(['region'])).rows, 'region');
    const backward = suppressedOf(suppress([...rows].reverse(), meta(['region'])).rows, 'region');
    expect(forward).toEqual(['leste', 'norte']);
    expect([...backward].sort()).toEqual(['leste', 'norte']);
  });
});

describe('suppressInPlace', () => {
  it('changes the given rows as suppress changes its copies, and leaves the others alone', () => {
    const rows = [
      row({ region: '_T' }, 100),
      row({ region: 'barreiro' }, 40),
      row({ region: 'leste' }, 4),
      row({ region: 'norte' }, 25),
      row({ region: 'oeste' }, 31),
    ];
    const expected = suppress(rows, meta(['region']));
    const published = rows[1];
    const counts = suppressInPlace(rows, meta(['region']));
    expect(rows).toEqual(expected.rows);
    expect(rows[1]).toBe(published);
    expect(rows[2]).toMatchObject({ status: 'C', value: null, n: null, share: null });
    expect(counts).toEqual({ suppressedPrimary: 1, suppressedComplementary: 1 });
  });
});

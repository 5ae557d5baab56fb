import { describe, expect, it } from 'vitest';
import { grainCodes } from '../../../functions/indicators/grain-codes.js';
import type { IndicatorRow } from '../../../functions/publish/indicator-row.js';

const row = (period: string, values: Record<string, string>): IndicatorRow => ({
  period,
  ...values,
  value: 1,
  n: 1,
  status: '',
});

/** Checks that codes are equal exactly when grains are, and that totalOf finds the total row. */
function expectFaithful(rows: IndicatorRow[], dimensions: string[], kind: 'number' | 'string') {
  const codes = grainCodes(rows, dimensions);
  const grain = (r: IndicatorRow) => JSON.stringify([r.period, ...dimensions.map((d) => r[d])]);
  for (let i = 0; i < rows.length; i++) {
    expect(typeof codes.of(i)).toBe(kind);
    for (let j = 0; j < rows.length; j++) {
      expect(codes.of(i) === codes.of(j)).toBe(grain(rows[i]!) === grain(rows[j]!));
    }
    dimensions.forEach((d, k) => {
      expect(codes.isTotal(i, k)).toBe(rows[i]![d] === '_T');
      const total = { ...rows[i]!, [d]: '_T' };
      const j = rows.findIndex((r) => grain(r) === grain(total));
      if (j >= 0) expect(codes.totalOf(i, k)).toBe(codes.of(j));
    });
  }
}

describe('grainCodes', () => {
  it('gives numbers that are equal exactly when grains are', () => {
    const rows = [
      row('2025-01', { channel: '_T', region: '_T' }),
      row('2025-01', { channel: 'web', region: '_T' }),
      row('2025-01', { channel: 'web', region: 'norte' }),
      row('2025-01', { channel: '_T', region: 'norte' }),
      row('2025-02', { channel: 'web', region: 'norte' }),
      row('2025-02', { channel: 'norte', region: 'web' }),
    ];
    expectFaithful(rows, ['channel', 'region'], 'number');
  });

  it('falls back to strings when the value counts would pass 2^53', () => {
    const dimensions = ['a', 'b', 'c', 'd', 'e', 'f'];
    const rows = Array.from({ length: 1_200 }, (_, i) =>
      row(`2025-${String((i % 12) + 1).padStart(2, '0')}`, {
        ...Object.fromEntries(dimensions.map((d, k) => [d, `${d}${(i * (k + 7)) % 1_000}`])),
        ...(i % 5 === 0 ? { a: '_T' } : {}),
      }),
    );
    const codes = grainCodes(rows, dimensions);
    expect(typeof codes.of(0)).toBe('string');
    expectFaithful(rows.slice(0, 60), dimensions, 'number');
    const seen = new Map<string | number, string>();
    rows.forEach((r, i) => {
      const grain = JSON.stringify([r.period, ...dimensions.map((d) => r[d])]);
      const previous = seen.get(codes.of(i));
      if (previous !== undefined) expect(previous).toBe(grain);
      seen.set(codes.of(i), grain);
    });
  });
});

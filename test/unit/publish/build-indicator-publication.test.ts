import { describe, expect, it } from 'vitest';
import type { IndicatorMetadata } from '../../../functions/indicators/indicator-metadata.js';
import { buildIndicatorPublication } from '../../../functions/publish/publish-indicator.js';

const metadata = {
  id: 'demo',
  theme: 'services',
  keywords: ['k'],
  title: { 'pt-BR': 'T', en: 'T' },
  description: { 'pt-BR': 'D', en: 'D' },
  methodology: { 'pt-BR': 'M', en: 'M' },
  unit: 'count',
  measures: [{ name: 'value', label: { 'pt-BR': 'v', en: 'v' }, unit: 'count' }],
  dimensions: ['region'],
  breakdowns: [['region'], []],
  min_cell: 10,
  sources: ['feedback'],
  frequency: 'monthly',
  headline: { breakdown: [], measure: 'value', trend: 'previous_period' },
  chart: 'bar',
  tests: [],
} satisfies IndicatorMetadata;

const input = (value: number) => ({
  metadata,
  sqlSha256: 'abc',
  inputs: [{ key: 'curated/feedback/month=2026-10/data.parquet', etag: 'e', rows: 12 }],
  inputsHash: 'h',
  rows: [
    { period: '2026-10', region: '_T', value, n: 12, status: '' as const },
    { period: '2026-10', region: 'norte', value: null, n: null, status: 'C' as const },
  ],
  suppressedPrimary: 1,
  suppressedComplementary: 0,
});

describe('buildIndicatorPublication', () => {
  it('writes exactly the JSON of the document', () => {
    const { document, json } = buildIndicatorPublication(input(12), '1.0.0');
    expect(json).toBe(JSON.stringify(document));
  });

  it('writes every row with its columns in the published order, missing ones as null', () => {
    const shuffled = {
      ...input(12),
      rows: [
        { status: '' as const, n: 12, value: 12, region: '_T', period: '2026-10' },
        { period: '2026-10', region: 'norte', status: 'C' as const } as never,
      ],
    };
    const { json } = buildIndicatorPublication(shuffled, '1.0.0');
    const { json: ordered } = buildIndicatorPublication(input(12), '1.0.0');
    expect(json).toBe(ordered);
    expect(json).toContain(
      '"data":[{"period":"2026-10","region":"_T","value":12,"n":12,"status":""},' +
        '{"period":"2026-10","region":"norte","value":null,"n":null,"status":"C"}]',
    );
  });

  it('derives the version from the content: same input, same id; other figures, other id', () => {
    const a = buildIndicatorPublication(input(12), '1.0.0').document.receipt.version;
    expect(buildIndicatorPublication(input(12), '1.0.0').document.receipt.version).toBe(a);
    expect(buildIndicatorPublication(input(13), '1.0.0').document.receipt.version).not.toBe(a);
    expect(buildIndicatorPublication(input(12), '1.0.1').document.receipt.version).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});

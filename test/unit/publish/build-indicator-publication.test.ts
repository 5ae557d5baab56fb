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

/** A publication's bytes as text. */
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('buildIndicatorPublication', () => {
  it('writes exactly the JSON of the document', () => {
    const { document, json, dataJson } = buildIndicatorPublication(input(12), '1.0.0');
    expect(text(json)).toBe(JSON.stringify(document));
    expect(text(dataJson)).toBe(JSON.stringify(document.data));
  });

  it('writes every row with its columns in the published order, missing ones as null', () => {
    const shuffled = {
      ...input(12),
      rows: [
        { status: '' as const, n: 12, value: 12, region: '_T', period: '2026-10' },
        { period: '2026-10', region: 'norte', status: 'C' as const } as never,
      ],
    };
    const json = text(buildIndicatorPublication(shuffled, '1.0.0').json);
    const ordered = text(buildIndicatorPublication(input(12), '1.0.0').json);
    expect(json).toBe(ordered);
    expect(json).toContain(
      '"data":[{"period":"2026-10","region":"_T","value":12,"n":12,"status":""},' +
        '{"period":"2026-10","region":"norte","value":null,"n":null,"status":"C"}]',
    );
  });

  it('never writes a key that is not a column, and encodes non-ASCII text as UTF-8', () => {
    const rows = [
      { period: '2026-10', region: '_T', value: 12, n: 12, status: '' as const },
      { period: '2026-10', region: 'são-josé', value: 5, n: 5, status: '' as const, note: 'x' },
    ];
    const { json, dataJson, document } = buildIndicatorPublication(
      { ...input(12), rows: rows as never },
      '1.0.0',
    );
    expect(text(json)).not.toContain('note');
    expect(text(dataJson)).toBe(
      '[{"period":"2026-10","region":"_T","value":12,"n":12,"status":""},' +
        '{"period":"2026-10","region":"são-josé","value":5,"n":5,"status":""}]',
    );
    expect(JSON.parse(text(json)).receipt).toEqual(document.receipt);
  });

  it('derives the version from the content: same input, same id; other figures, other id', () => {
    const a = buildIndicatorPublication(input(12), '1.0.0').document.receipt.version;
    expect(buildIndicatorPublication(input(12), '1.0.0').document.receipt.version).toBe(a);
    expect(buildIndicatorPublication(input(13), '1.0.0').document.receipt.version).not.toBe(a);
    expect(buildIndicatorPublication(input(12), '1.0.1').document.receipt.version).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
});

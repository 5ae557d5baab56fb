import type { PublishedIndicator } from '../../../functions/publish/indicator-document.js';
import type { IndicatorRow, RowStatus } from '../../../functions/publish/indicator-row.js';

/** A small published indicator for chart and table tests (defaults overridable). */
export function testIndicator(overrides: Partial<PublishedIndicator> = {}): PublishedIndicator {
  return {
    id: 'test-indicator',
    theme: 'services',
    keywords: ['test'],
    title: { 'pt-BR': 'Satisfação & <teste>', en: 'Satisfaction & <test>' },
    description: { 'pt-BR': 'Descrição', en: 'Description' },
    methodology: { 'pt-BR': 'Método', en: 'Method' },
    unit: 'score',
    measures: [{ name: 'value', label: { 'pt-BR': 'Índice', en: 'Score' }, unit: 'score' }],
    dimensions: ['region', 'channel'],
    breakdowns: [['region'], ['channel'], []],
    minCell: 10,
    sources: ['feedback'],
    frequency: 'continuous',
    headline: { breakdown: [], measure: 'value', trend: 'previous_period' },
    chart: 'line',
    ...overrides,
  } as PublishedIndicator;
}

/** A result row with `_T` for every dimension not given. */
export function row(
  period: string,
  value: number | null,
  dims: Record<string, string> = {},
  status: RowStatus = value === null ? 'C' : '',
  dimensions: readonly string[] = ['region', 'channel'],
): IndicatorRow {
  const out: IndicatorRow = { period, value, n: value === null ? null : 50, status };
  for (const d of dimensions) out[d] = dims[d] ?? '_T';
  return out;
}

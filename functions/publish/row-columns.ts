import type { IndicatorMetadata } from '../indicators/indicator-metadata.js';

/**
 * The ordered columns of an indicator's result rows: `period`, the declared dimensions, `value`,
 * `n`, `status`, then the extra measures. This is the CSV header and the JSON key order.
 */
export function rowColumns(metadata: Pick<IndicatorMetadata, 'dimensions' | 'measures'>): string[] {
  const extras = metadata.measures.map((m) => m.name).filter((name) => name !== 'value');
  return ['period', ...metadata.dimensions, 'value', 'n', 'status', ...extras];
}

import type { IndicatorMetadata } from '../indicators/indicator-metadata.js';
import type { IndicatorRow } from './indicator-row.js';

/** One input object a publication was computed from. */
export interface ReceiptInput {
  readonly key: string;
  readonly etag: string;
  readonly rows: number;
}

/**
 * The receipt of a published version: enough to explain and reproduce the figure. The time of
 * computation is kept out of it (it lives in the version record), so the same inputs give the
 * same bytes and the same version id.
 */
export interface Receipt {
  readonly version: string;
  readonly sqlSha256: string;
  readonly inputs: readonly ReceiptInput[];
  readonly codeVersion: string;
  readonly privacy: {
    readonly rule: 'min-cell';
    readonly minCell: number;
    readonly suppressedPrimary: number;
    readonly suppressedComplementary: number;
  };
  readonly rowCount: number;
}

/**
 * Indicator metadata as published over HTTP (camelCase), derived from the snake_case metadata
 * file.
 */
export type PublishedIndicator = Omit<IndicatorMetadata, 'min_cell' | 'tests'> & {
  readonly minCell: number;
};

/** The published document of one indicator version: `{ indicator, receipt, data }`. */
export interface IndicatorDocument {
  readonly indicator: PublishedIndicator;
  readonly receipt: Receipt;
  readonly data: readonly IndicatorRow[];
}

/** Converts an indicator's metadata file shape to its published (camelCase) shape. */
export function toPublishedIndicator(metadata: IndicatorMetadata): PublishedIndicator {
  const { min_cell, tests: _tests, ...rest } = metadata;
  return { ...rest, minCell: min_cell };
}

/** Publication status of a result row: `C` suppressed, `p` current incomplete month, `` final. */
export type RowStatus = '' | 'C' | 'p';

/**
 * One result row of an indicator (DESIGN.md "Result rows"): `period`, every declared dimension
 * (`_T` outside the row's breakdown, `_U` unknown), `value`, `n`, `status` and the declared extra
 * measures. Keys are snake_case: a row's JSON keys equal its CSV header.
 */
export type IndicatorRow = {
  period: string;
  value: number | null;
  n: number | null;
  status: RowStatus;
} & Record<string, string | number | null>;

/** Dimension value of a row outside its breakdown (a total). */
export const TOTAL = '_T';

/** Dimension value when the source did not say. */
export const UNKNOWN = '_U';

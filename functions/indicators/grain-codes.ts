import { type IndicatorRow, TOTAL } from '../publish/indicator-row.js';

/** A grain key: a number when the grains' value counts allow it, else a string. */
export type GrainCode = number | string;

/** The rows' grains as codes, for lookups that would otherwise build a string per row. */
export interface GrainCodes {
  /** The code of row `i`'s grain (period + dimension values). */
  of(i: number): GrainCode;
  /** The code of row `i`'s grain with dimension `d` (an index into the dimensions) set to `_T`. */
  totalOf(i: number, d: number): GrainCode;
  /** Whether row `i`'s value of dimension `d` is `_T`. */
  isTotal(i: number, d: number): boolean;
}

/**
 * Encodes each row's period and dimension values as small integers (per column, in order of first
 * appearance, `_T` always 0) and combines them into one number per grain (mixed radix), so that
 * grain lookups hash numbers instead of building strings. Codes are equal exactly when grains
 * are. When the product of the columns' value counts would pass 2^53, codes are strings of the
 * same integers instead.
 */
export function grainCodes(
  rows: readonly IndicatorRow[],
  dimensions: readonly string[],
): GrainCodes {
  const columns = dimensions.length + 1;
  const values = new Int32Array(rows.length * columns);
  const ids = Array.from(
    { length: columns },
    (_, c) => new Map<unknown, number>(c === 0 ? [] : [[TOTAL, 0]]),
  );
  rows.forEach((row, i) => {
    for (let c = 0; c < columns; c++) {
      const value = c === 0 ? row.period : row[dimensions[c - 1] as string];
      const map = ids[c] as Map<unknown, number>;
      let id = map.get(value);
      if (id === undefined) {
        id = map.size;
        map.set(value, id);
      }
      values[i * columns + c] = id;
    }
  });
  const strides = new Array<number>(columns);
  let product = 1;
  for (let c = columns - 1; c >= 0; c--) {
    strides[c] = product;
    product *= Math.max(1, (ids[c] as Map<unknown, number>).size);
  }
  const numeric = product <= Number.MAX_SAFE_INTEGER;
  const code = (i: number, total: number): GrainCode => {
    if (numeric) {
      let sum = 0;
      for (let c = 0; c < columns; c++) {
        sum += (c === total ? 0 : (values[i * columns + c] as number)) * (strides[c] as number);
      }
      return sum;
    }
    let text = '';
    for (let c = 0; c < columns; c++) text += `${c === total ? 0 : values[i * columns + c]},`;
    return text;
  };
  return {
    of: (i) => code(i, -1),
    totalOf: (i, d) => code(i, d + 1),
    isTotal: (i, d) => values[i * columns + d + 1] === 0,
  };
}

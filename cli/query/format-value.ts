import {
  DuckDBArrayValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBUnionValue,
  type DuckDBValue,
} from '@duckdb/node-api';

/**
 * A value as the terminal table shows it: `NULL` for null, line breaks and tabs made visible,
 * doubles rounded to 6 decimals (CSV, JSON and Parquet keep full precision).
 */
export function displayValue(value: DuckDBValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return value.replace(/\r?\n/g, '↵').replace(/\t/g, ' ');
  if (typeof value === 'number') return displayNumber(value);
  return String(value);
}

function displayNumber(n: number): string {
  if (Number.isInteger(n) || !Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e15) return String(Number(n.toFixed(6)));
  return n.toPrecision(6);
}

/** A value as a CSV cell (RFC 4180 quoting when needed); null is the empty cell. */
export function csvValue(value: DuckDBValue): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A value as JSON: integers as numbers while they are exact (larger ones as strings), decimals as
 * numbers, lists and structs as arrays and objects, dates, times and other types as their text.
 */
export function jsonValue(value: DuckDBValue): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) {
    return value.items.map(jsonValue);
  }
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, jsonValue(v)]));
  }
  if (value instanceof DuckDBMapValue) {
    return value.entries.map((e) => ({ key: jsonValue(e.key), value: jsonValue(e.value) }));
  }
  if (value instanceof DuckDBUnionValue) return jsonValue(value.value);
  return String(value);
}

import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import { ProblemError } from '../shared/problem.js';
import { closestIds } from './closest-ids.js';
import { allowedDimensionValues, type FacetSource } from './indicator-facets.js';

/** Filters of an indicator's rows, as parsed from a query string. */
export interface IndicatorFilters {
  /** First period included (`YYYY-MM`). */
  readonly from?: string | undefined;
  /** Last period included (`YYYY-MM`). */
  readonly to?: string | undefined;
  /** For each filtered dimension, the values kept. */
  readonly dimensions: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A query string as Hono (`c.req.queries()`), `URLSearchParams` or a plain object give it. */
export type QueryInput =
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Options of {@link parseIndicatorFilters}. */
export interface ParseFiltersOptions {
  /**
   * The dimension registry: a dimension with a fixed list of values accepts every listed value,
   * not only those found in the rows.
   */
  readonly registry?: Pick<DimensionRegistry, 'dimensions'> | undefined;
  /**
   * Parameters the caller handles itself and accepts besides `from`, `to`, `lang` and the
   * dimensions (e.g. a chart's size).
   */
  readonly extraParameters?: readonly string[];
}

/** The parameters every indicator route accepts besides its dimensions. */
export const COMMON_INDICATOR_PARAMETERS = ['from', 'to', 'lang'] as const;

/** How many allowed values a 400 lists in its message before it truncates. */
const LISTED_VALUES = 20;
/** How many allowed values a 400 carries in its `allowedValues` member. */
const CARRIED_VALUES = 200;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Parses an indicator's filters from a query string: `from` and `to` (`YYYY-MM`, inclusive) and
 * each declared dimension (`?region=pampulha&channel=web,app`: comma-separated or repeated
 * values; empty means no filter). Throws a 400 `invalid-parameter` problem naming the valid
 * parameters for an unknown one, and naming the allowed values — the values found in the
 * published rows (`_T` total and `_U` unknown included) plus, with the registry, every listed
 * value of the dimension — for an invalid one.
 *
 * A `+` in a value (`age_band=60+`) arrives as a space when not percent-encoded; a value that is
 * allowed once its spaces are read back as `+` is accepted.
 */
export function parseIndicatorFilters(
  document: FacetSource,
  query: QueryInput,
  options: ParseFiltersOptions = {},
): IndicatorFilters {
  const allowed = allowedDimensionValues(document, options.registry);
  const entries = queryEntries(query);
  const dimensionNames = allowed.map((d) => d.name);
  const valid = [
    ...COMMON_INDICATOR_PARAMETERS,
    ...dimensionNames,
    ...(options.extraParameters ?? []),
  ];
  for (const [name] of entries) {
    if (!valid.includes(name)) throw unknownParameter(document.indicator.id, name, valid);
  }

  const from = month(entries, 'from');
  const to = month(entries, 'to');
  if (from && to && from > to) {
    throw new ProblemError('invalid-parameter', {
      detail: `'from' (${from}) is after 'to' (${to}).`,
      errors: [{ pointer: '/from', detail: 'must not be after to', value: from }],
    });
  }

  const dimensions = new Map<string, Set<string>>();
  for (const facet of allowed) {
    const values = valuesOf(entries, facet.name);
    if (values.length === 0) continue;
    const kept = new Set<string>();
    for (const raw of values) {
      const trimmed = raw.trim();
      const value = facet.valueSet.has(trimmed) ? trimmed : raw.trimStart().replace(/ /g, '+');
      if (!facet.valueSet.has(value)) {
        throw invalidValue(document.indicator.id, facet.name, raw.trim(), facet.values);
      }
      kept.add(value);
    }
    dimensions.set(facet.name, kept);
  }
  return { from, to, dimensions };
}

/**
 * A canonical text of filters (sorted dimensions and values): equal filters give equal keys, for
 * caches and entity tags.
 */
export function filtersKey(filters: IndicatorFilters): string {
  const parts = [`from=${filters.from ?? ''}`, `to=${filters.to ?? ''}`];
  for (const name of [...filters.dimensions.keys()].sort()) {
    parts.push(`${name}=${[...(filters.dimensions.get(name) ?? [])].sort().join(',')}`);
  }
  return parts.join('&');
}

/** Every parameter of a query with its raw values. */
function queryEntries(query: QueryInput): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  };
  if (query instanceof URLSearchParams) {
    for (const [name, value] of query) add(name, value);
  } else {
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (typeof value === 'string') add(name, value);
      else for (const v of value) add(name, v);
    }
  }
  return out;
}

function valuesOf(entries: ReadonlyMap<string, readonly string[]>, name: string): string[] {
  return (entries.get(name) ?? []).flatMap((v) => v.split(',')).filter((v) => v.trim() !== '');
}

function month(entries: ReadonlyMap<string, readonly string[]>, name: 'from' | 'to') {
  const values = (entries.get(name) ?? []).map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) return undefined;
  const [value] = values;
  if (values.length > 1 || value === undefined || !MONTH.test(value)) {
    throw new ProblemError('invalid-parameter', {
      detail: `'${name}' must be one month written YYYY-MM (e.g. 2025-03); got '${values.join(',')}'.`,
      errors: [{ pointer: `/${name}`, detail: 'must be YYYY-MM', value: values.join(',') }],
    });
  }
  return value;
}

function unknownParameter(id: string, name: string, valid: readonly string[]): ProblemError {
  const [suggestion] = closestIds(name, valid, 1);
  return new ProblemError('invalid-parameter', {
    detail: `Unknown query parameter '${name}' for indicator '${id}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''} Valid parameters: ${valid.join(', ')}.`,
    errors: [{ pointer: `/${name}`, detail: 'unknown parameter' }],
    extensions: { validParameters: [...valid] },
  });
}

function invalidValue(
  id: string,
  dimension: string,
  value: string,
  allowed: readonly string[],
): ProblemError {
  const listed = allowed.slice(0, LISTED_VALUES).join(', ');
  const more =
    allowed.length > LISTED_VALUES
      ? ` … and ${allowed.length - LISTED_VALUES} more (see the indicator's dimensions in GET /v1/indicators)`
      : '';
  const similar = closestIds(value, allowed, 3);
  const hint = similar.length ? ` Did you mean ${similar.map((s) => `'${s}'`).join(' or ')}?` : '';
  return new ProblemError('invalid-parameter', {
    detail: `'${value}' is not a value of '${dimension}' in indicator '${id}'.${hint} Allowed values: ${listed}${more}. _T is the total, _U unknown.`,
    errors: [{ pointer: `/${dimension}`, detail: 'not an allowed value', value }],
    extensions: {
      allowedValues: allowed.slice(0, CARRIED_VALUES),
      allowedValuesCount: allowed.length,
    },
  });
}

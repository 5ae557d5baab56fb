import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import type { IndicatorDocument } from '../publish/indicator-document.js';
import { TOTAL, UNKNOWN } from '../publish/indicator-row.js';

/** The values one dimension takes in a published result. */
export interface DimensionFacet {
  readonly name: string;
  /** Every value found in the rows, sorted, with `_U` and `_T` last. */
  readonly values: readonly string[];
  readonly valueSet: ReadonlySet<string>;
}

/** What a published result holds: its dimensions' values and its periods. */
export interface IndicatorFacets {
  readonly dimensions: readonly DimensionFacet[];
  /** Distinct periods, ascending. */
  readonly periods: readonly string[];
}

/** The subset of a published document the facets are computed from. */
export interface FacetSource {
  readonly indicator: Pick<IndicatorDocument['indicator'], 'id' | 'dimensions'>;
  readonly data: IndicatorDocument['data'];
}

const cache = new WeakMap<FacetSource, IndicatorFacets>();

const collator = new Intl.Collator('en', { numeric: true });

/**
 * The facets of a published document: for each declared dimension the values found in its rows
 * (these are the values its filters accept), and its periods. Computed once per document object
 * (documents are immutable and cached per version).
 */
export function indicatorFacets(document: FacetSource): IndicatorFacets {
  const hit = cache.get(document);
  if (hit) return hit;
  const names = document.indicator.dimensions;
  const sets = names.map(() => new Set<string>());
  const periods = new Set<string>();
  for (const row of document.data) {
    periods.add(row.period);
    names.forEach((name, i) => {
      const value = row[name];
      if (typeof value === 'string') sets[i]?.add(value);
    });
  }
  const facets: IndicatorFacets = {
    dimensions: names.map((name, i) => {
      const valueSet = sets[i] ?? new Set<string>();
      return { name, values: sortValues(valueSet), valueSet };
    }),
    periods: [...periods].sort(),
  };
  cache.set(document, facets);
  return facets;
}

function sortValues(values: ReadonlySet<string>): string[] {
  const special = [UNKNOWN, TOTAL].filter((v) => values.has(v));
  const plain = [...values].filter((v) => v !== TOTAL && v !== UNKNOWN).sort(collator.compare);
  return [...plain, ...special];
}

const allowedCache = new WeakMap<FacetSource, WeakMap<object, readonly DimensionFacet[]>>();
const NO_REGISTRY = {};

/**
 * The values each dimension's filter accepts: those in the published rows and, for a dimension
 * with a fixed list in the registry, every listed value too (a region without rows is still a
 * region: filtering by it gives no rows, not an error). Registry order first, then other values;
 * `_U` and `_T` last. Cached per document.
 */
export function allowedDimensionValues(
  document: FacetSource,
  registry?: Pick<DimensionRegistry, 'dimensions'>,
): readonly DimensionFacet[] {
  let byRegistry = allowedCache.get(document);
  if (!byRegistry) {
    byRegistry = new WeakMap();
    allowedCache.set(document, byRegistry);
  }
  const hit = byRegistry.get(registry ?? NO_REGISTRY);
  if (hit) return hit;
  const allowed = indicatorFacets(document).dimensions.map((facet) => {
    const listed = Object.keys(registry?.dimensions[facet.name]?.values ?? {});
    const special = [UNKNOWN, TOTAL].filter((v) => facet.valueSet.has(v));
    const others = facet.values.filter((v) => !listed.includes(v) && !special.includes(v));
    const values = [...listed, ...others, ...special];
    return { name: facet.name, values, valueSet: new Set(values) };
  });
  byRegistry.set(registry ?? NO_REGISTRY, allowed);
  return allowed;
}

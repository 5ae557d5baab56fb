import type { DimensionRegistry } from './dimension-registry.js';
import type { Bilingual } from './indicator-metadata.js';

/**
 * The label of one dimension value in one language: `_T` and `_U` from the registry's special
 * values, fixed values from the registry, dynamic values (such as `service_id`) from the labels
 * the caller read from the source dataset. Falls back to the value itself when none is known.
 */
export function dimensionValueLabel(
  registry: DimensionRegistry,
  dimension: string,
  value: string,
  language: keyof Bilingual,
  dynamicLabels?: ReadonlyMap<string, Bilingual>,
): string {
  if (value === '_T' || value === '_U') return registry.special_values[value][language];
  const entry = registry.dimensions[dimension];
  const label = entry?.values?.[value] ?? (entry?.dynamic ? dynamicLabels?.get(value) : undefined);
  return label?.[language] ?? value;
}

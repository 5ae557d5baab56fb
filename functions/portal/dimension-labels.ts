import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import { dimensionValueLabel } from '../indicators/dimension-value-label.js';
import type { Bilingual } from '../indicators/indicator-metadata.js';
import type { PortalLanguage } from './portal-language.js';

/** Names dimensions and their values in one language. */
export interface DimensionLabels {
  /** The label of a dimension (`Regional`, `Region`). */
  dimension(dimension: string): string;
  /** The label of one value of a dimension (`Centro-Sul`, `Total`, `Não informado`). */
  value(dimension: string, value: string): string;
  /** Position of a value in the registry's display order (dynamic values: `Infinity`). */
  order(dimension: string, value: string): number;
}

/**
 * Dimension labels from the registry (`queries/dimensions.yaml`) and, for dynamic dimensions
 * such as `service_id`, from labels read from their source dataset.
 */
export function dimensionLabels(
  registry: DimensionRegistry,
  lang: PortalLanguage,
  dynamicLabels?: ReadonlyMap<string, Bilingual>,
): DimensionLabels {
  return {
    dimension: (d) => registry.dimensions[d]?.label[lang] ?? d,
    value: (d, v) => dimensionValueLabel(registry, d, v, lang, dynamicLabels),
    order(d, v) {
      const values = registry.dimensions[d]?.values;
      const index = values ? Object.keys(values).indexOf(v) : -1;
      if (v === '_U') return Number.MAX_SAFE_INTEGER;
      return index < 0 ? Number.MAX_SAFE_INTEGER - 1 : index;
    },
  };
}

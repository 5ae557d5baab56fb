import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import { dimensionValueLabel } from '../indicators/dimension-value-label.js';
import type { Bilingual } from '../indicators/indicator-metadata.js';
import type { PublishedIndicator } from '../publish/indicator-document.js';
import type { IndicatorRow } from '../publish/indicator-row.js';
import type { Language } from './language.js';
import type { PublicLinks } from './public-links.js';
import type { IndicatorResult } from './schemas/indicator-result-schema.js';

/** The indicator metadata of a response (see `IndicatorViewSchema`). */
export type IndicatorView = IndicatorResult['indicator'];

/** What {@link indicatorView} needs. */
export interface IndicatorViewInput {
  readonly indicator: PublishedIndicator;
  readonly version: string;
  readonly computedAt: string;
  readonly language: Language;
  readonly registry: DimensionRegistry;
  /** The rows of the response: their dimension values are labelled. */
  readonly rows: readonly IndicatorRow[];
  /** Labels of dynamic dimension values (service names), by value. */
  readonly dynamicLabels?: ReadonlyMap<string, Bilingual> | undefined;
  readonly links: PublicLinks;
}

/**
 * An indicator's published metadata in one language: title, description, methodology, measure
 * and `n` labels as text, plus `labels` for every dimension and each dimension value present in
 * the response's rows (row keys and values stay data), its version and links.
 */
export function indicatorView(input: IndicatorViewInput): IndicatorView {
  const { indicator: m, language: lang, registry } = input;
  const labels: IndicatorView['labels'] = {};
  for (const dimension of m.dimensions) {
    const values = new Set<string>();
    for (const row of input.rows) {
      const value = row[dimension];
      if (typeof value === 'string') values.add(value);
    }
    const valueLabels: Record<string, string> = {};
    for (const value of values) {
      valueLabels[value] = dimensionValueLabel(
        registry,
        dimension,
        value,
        lang,
        input.dynamicLabels,
      );
    }
    labels[dimension] = {
      label: registry.dimensions[dimension]?.label[lang] ?? dimension,
      values: valueLabels,
    };
  }
  return {
    id: m.id,
    language: lang,
    theme: m.theme,
    keywords: [...m.keywords],
    title: m.title[lang],
    description: m.description[lang],
    methodology: m.methodology[lang],
    unit: m.unit,
    measures: m.measures.map((x) => ({ name: x.name, label: x.label[lang], unit: x.unit })),
    ...(m.n ? { n: { counts: m.n.counts, label: m.n.label[lang] } } : {}),
    dimensions: [...m.dimensions],
    breakdowns: m.breakdowns.map((b) => [...b]),
    minCell: m.minCell,
    sources: [...m.sources],
    frequency: m.frequency,
    headline: {
      breakdown: [...m.headline.breakdown],
      measure: m.headline.measure,
      trend: m.headline.trend,
    },
    chart: m.chart,
    version: input.version,
    lastUpdated: input.computedAt,
    labels,
    links: {
      self: input.links.indicator(m.id),
      csv: input.links.indicatorCsv(m.id),
      versions: input.links.versions(m.id),
      chart: input.links.chart(m.id),
    },
  };
}

import { join } from 'node:path';
import type { DimensionRegistry } from '../../../functions/indicators/dimension-registry.js';
import type {
  Bilingual,
  IndicatorDefinition,
  IndicatorMetadata,
} from '../../../functions/indicators/indicator-metadata.js';
import { loadDimensionRegistry } from '../../../functions/indicators/load-dimension-registry.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import type { IndicatorDocument } from '../../../functions/publish/indicator-document.js';
import type { IndicatorRow, RowStatus } from '../../../functions/publish/indicator-row.js';
import {
  buildIndicatorDocument,
  type PublishInput,
} from '../../../functions/publish/publish-indicator.js';
import { addMonths } from '../../../functions/shared/period.js';

/** The queries folder of the repository (real indicator metadata). */
export const QUERIES_DIR = join(import.meta.dirname, '../../../queries');

/** A few services standing in for the 1,400 of the catalogue. */
export const FIXTURE_SERVICES = [
  {
    id: 'svc-0001',
    category: 'tributos',
    name: { 'pt-BR': 'IPTU — segunda via', en: 'Property tax — duplicate bill' },
  },
  {
    id: 'svc-0002',
    category: 'saude',
    name: { 'pt-BR': 'Marcação de consulta', en: 'Book a medical appointment' },
  },
  {
    id: 'svc-0003',
    category: 'educacao',
    name: { 'pt-BR': 'Matrícula escolar', en: 'School enrolment' },
  },
  {
    id: 'svc-0004',
    category: 'transporte',
    name: { 'pt-BR': 'Cartão BHBus & passe', en: 'BHBus card & pass' },
  },
  {
    id: 'svc-0005',
    category: 'documentos',
    name: { 'pt-BR': 'Certidão negativa de débitos', en: 'Tax clearance certificate' },
  },
] as const;

/** Labels of the fixture services, as the portal receives them. */
export const FIXTURE_SERVICE_LABELS: ReadonlyMap<string, Bilingual> = new Map(
  FIXTURE_SERVICES.map((s) => [s.id, s.name]),
);

/** The last (current, partial) month of the fixtures. */
export const FIXTURE_LAST_PERIOD = '2025-06';

/** Months of history in the fixtures. */
export const FIXTURE_MONTHS = 12;

/** The region whose cells of `user-satisfaction` are suppressed in the last complete month. */
export const SUPPRESSED_REGION = 'norte';

function random(seed: string): () => number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function valuesOf(registry: DimensionRegistry, dimension: string): string[] {
  if (dimension === 'service_id') return FIXTURE_SERVICES.map((s) => s.id);
  return Object.keys(registry.dimensions[dimension]?.values ?? {});
}

function combinations(lists: readonly string[][]): string[][] {
  return lists.reduce<string[][]>(
    (acc, list) => acc.flatMap((combo) => list.map((v) => [...combo, v])),
    [[]],
  );
}

function valueFor(
  unit: IndicatorMetadata['unit'],
  next: () => number,
  scale: number,
  trend: number,
) {
  switch (unit) {
    case 'percent':
      return Math.round((45 + 40 * next() + trend * 10) * 10) / 10;
    case 'score':
      return Math.round((0.55 + 0.3 * next() + trend * 0.05) * 1000) / 1000;
    case 'ratio':
      return Math.round((0.5 + next()) * 100) / 100;
    case 'count':
      return Math.max(1, Math.round((200 + 800 * next()) * scale * (1 + trend * 0.3)));
  }
}

/**
 * Result rows for an indicator, shaped like the engine's: every declared breakdown for
 * {@link FIXTURE_MONTHS} months ending at {@link FIXTURE_LAST_PERIOD} (status `p`), `_T` outside
 * each breakdown, about one cell in twelve suppressed (never a total), and the cells of
 * {@link SUPPRESSED_REGION} suppressed in `user-satisfaction`'s last complete month.
 */
export function fixtureRows(
  metadata: IndicatorMetadata,
  registry: DimensionRegistry,
): IndicatorRow[] {
  const next = random(metadata.id);
  const rows: IndicatorRow[] = [];
  const extras = metadata.measures.map((m) => m.name).filter((n) => n !== 'value');
  const first = addMonths(FIXTURE_LAST_PERIOD, -(FIXTURE_MONTHS - 1));
  for (let i = 0; i < FIXTURE_MONTHS; i++) {
    const period = addMonths(first, i);
    const trend = i / FIXTURE_MONTHS;
    for (const breakdown of metadata.breakdowns) {
      const combos = combinations(breakdown.map((d) => valuesOf(registry, d)));
      for (const combo of combos) {
        const row: IndicatorRow = { period, value: null, n: null, status: '' };
        for (const d of metadata.dimensions) {
          const at = breakdown.indexOf(d);
          row[d] = at < 0 ? '_T' : (combo[at] as string);
        }
        const scale = 1 / Math.max(1, combos.length);
        let status: RowStatus =
          period === FIXTURE_LAST_PERIOD && metadata.frequency !== 'monthly' ? 'p' : '';
        const forced =
          metadata.id === 'user-satisfaction' &&
          row.region === SUPPRESSED_REGION &&
          period === addMonths(FIXTURE_LAST_PERIOD, -1);
        if (forced || (breakdown.length > 0 && metadata.min_cell > 0 && next() < 0.08))
          status = 'C';
        if (status === 'C') {
          row.status = 'C';
          for (const e of extras) row[e] = null;
        } else {
          row.status = status;
          row.value = valueFor(metadata.unit, next, scale, trend);
          row.n =
            metadata.unit === 'count' ? row.value : Math.round(20 + 400 * next() * scale * 10);
          for (const e of extras) row[e] = Math.round(100 * next());
        }
        rows.push(row);
      }
    }
  }
  return rows;
}

/** The registry and indicator definitions of the repository's `queries/`. */
export async function loadFixtureCatalogue(): Promise<{
  registry: DimensionRegistry;
  definitions: IndicatorDefinition[];
}> {
  const registry = await loadDimensionRegistry(join(QUERIES_DIR, 'dimensions.yaml'));
  const definitions = await loadIndicators(QUERIES_DIR, { minCellFloor: 10, registry });
  return { registry, definitions };
}

/** The publish input of one fixture indicator. */
export function fixturePublishInput(
  definition: IndicatorDefinition,
  registry: DimensionRegistry,
): PublishInput {
  const rows = fixtureRows(definition.metadata, registry);
  return {
    metadata: definition.metadata,
    sqlSha256: definition.sqlSha256,
    inputs: [
      {
        key: `curated/${definition.metadata.sources[0]}/month=2025-05/part-0.parquet`,
        etag: '"abc"',
        rows: 1234,
      },
    ],
    inputsHash: `fixture-${definition.metadata.id}`,
    rows,
    suppressedPrimary: rows.filter((r) => r.status === 'C').length,
    suppressedComplementary: 0,
  };
}

/** Published documents of every indicator of `queries/`, over fixture rows. */
export async function fixtureDocuments(): Promise<{
  registry: DimensionRegistry;
  documents: IndicatorDocument[];
}> {
  const { registry, definitions } = await loadFixtureCatalogue();
  const documents = definitions.map((d) =>
    buildIndicatorDocument(fixturePublishInput(d, registry), 'test-0.1.0'),
  );
  return { registry, documents };
}

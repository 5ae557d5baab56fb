import { join } from 'node:path';
import { QUERIES_DIR } from '../../../../cli/project-paths.js';
import type { ServiceRecord } from '../../../../functions/api/service-directory.js';
import type { DimensionRegistry } from '../../../../functions/indicators/dimension-registry.js';
import {
  type IndicatorMetadata,
  indicatorMetadataSchema,
} from '../../../../functions/indicators/indicator-metadata.js';
import { loadDimensionRegistry } from '../../../../functions/indicators/load-dimension-registry.js';
import { readYamlFile } from '../../../../functions/indicators/read-yaml-file.js';
import type { IndicatorRow } from '../../../../functions/publish/indicator-row.js';
import {
  type PublishResult,
  publishIndicator,
} from '../../../../functions/publish/publish-indicator.js';
import type { TestStack } from '../../../support/test-stack.js';

/** Services with published rows; svc-0003's cells are all suppressed. */
export const FIXTURE_SERVICE_IDS = ['svc-0001', 'svc-0002', 'svc-0003'] as const;

/** The service catalogue the fixture app reads: svc-0003 has no entry, svc-0004 no ratings. */
export const FIXTURE_SERVICES: readonly ServiceRecord[] = [
  {
    service_id: 'svc-0001',
    name_pt: 'Emitir segunda via do IPTU',
    name_en: 'Property tax bill copy',
    category: 'tributos',
    digital_level: 'full',
  },
  {
    service_id: 'svc-0002',
    name_pt: 'Matrícula escolar',
    name_en: 'School enrolment',
    category: 'educacao',
    digital_level: 'partial',
  },
  {
    service_id: 'svc-0004',
    name_pt: 'Alvará de obras',
    name_en: 'Building permit',
    category: 'licenciamento',
    digital_level: 'none',
  },
];

/** Periods of the fixtures; the last is provisional (`p`). */
export const FIXTURE_PERIODS = ['2025-01', '2025-02', '2025-03'] as const;

/** Reads one indicator's real metadata from `queries/`. */
export async function readMetadata(id: string): Promise<IndicatorMetadata> {
  return indicatorMetadataSchema.parse(await readYamlFile(join(QUERIES_DIR, `${id}.yaml`)));
}

/** Reads the real dimension registry. */
export function readRegistry(): Promise<DimensionRegistry> {
  return loadDimensionRegistry(join(QUERIES_DIR, 'dimensions.yaml'));
}

/**
 * Result rows for an indicator's metadata: every breakdown × a few values of each dimension
 * (the first two of the registry and its last, so `60+` appears; the fixture services for
 * `service_id`) × the periods; `_T` outside each breakdown; rows of svc-0003 suppressed.
 */
export function fixtureRows(
  metadata: IndicatorMetadata,
  registry: DimensionRegistry,
  periods: readonly string[] = FIXTURE_PERIODS,
): IndicatorRow[] {
  const valuesOf = (dimension: string): string[] => {
    if (dimension === 'service_id') return [...FIXTURE_SERVICE_IDS];
    const values = Object.keys(registry.dimensions[dimension]?.values ?? {});
    return [...new Set([...values.slice(0, 2), ...values.slice(-1)])];
  };
  const extras = metadata.measures.map((m) => m.name).filter((n) => n !== 'value');
  const rows: IndicatorRow[] = [];
  let i = 0;
  for (const period of periods) {
    const status = period === periods[periods.length - 1] ? 'p' : '';
    for (const breakdown of metadata.breakdowns) {
      let combos: Record<string, string>[] = [{}];
      for (const dimension of breakdown) {
        combos = combos.flatMap((combo) =>
          valuesOf(dimension).map((v) => ({ ...combo, [dimension]: v })),
        );
      }
      for (const combo of combos) {
        i++;
        const row: IndicatorRow = { period, value: null, n: null, status: '' };
        for (const d of metadata.dimensions) row[d] = combo[d] ?? '_T';
        const suppressed = combo.service_id === 'svc-0003';
        row.value = suppressed ? null : Math.round(((i * 37) % 100) * 10) / 1000 + 0.5;
        row.n = suppressed ? null : 10 + ((i * 13) % 90);
        row.status = suppressed ? 'C' : status;
        extras.forEach((name, k) => {
          row[name] = suppressed ? null : ((i + k) * 7) % 60;
        });
        rows.push(row);
      }
    }
  }
  return rows;
}

/** What {@link publishFixtures} published. */
export interface PublishedFixtures {
  readonly registry: DimensionRegistry;
  readonly metadata: Record<string, IndicatorMetadata>;
  /** The results of each publication, in order (user-satisfaction twice). */
  readonly results: Record<string, PublishResult[]>;
}

/** Indicators the fixtures publish. */
export const FIXTURE_INDICATORS = [
  'user-satisfaction',
  'completion-rate',
  'wifi-hotspots',
  'digital-skills-certified',
] as const;

/**
 * Publishes fixture results of a few real indicators into the stack with the real publisher
 * (S3 documents, CSVs, version records, manifests); `user-satisfaction` is published twice, so it
 * has a history of two versions.
 */
export async function publishFixtures(stack: TestStack): Promise<PublishedFixtures> {
  const registry = await readRegistry();
  const metadata: Record<string, IndicatorMetadata> = {};
  const results: Record<string, PublishResult[]> = {};
  let clock = Date.parse('2025-03-10T09:00:00.000Z');
  const deps = {
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    config: { ...stack.config, codeVersion: '0.1.0-test' },
    now: () => {
      clock += 60_000;
      return new Date(clock);
    },
  };
  const publish = async (id: string, periods: readonly string[]) => {
    const m = metadata[id] ?? (await readMetadata(id));
    metadata[id] = m;
    const rows = fixtureRows(m, registry, periods);
    const suppressed = rows.filter((r) => r.status === 'C').length;
    const result = await publishIndicator(deps, {
      metadata: m,
      sqlSha256: 'a'.repeat(64),
      inputs: [
        { key: `curated/feedback/month=${periods[0]}/part-0.parquet`, etag: '"e1"', rows: 1234 },
      ],
      inputsHash: `inputs-${id}-${periods.join()}`,
      rows,
      suppressedPrimary: suppressed,
      suppressedComplementary: 0,
    });
    results[id] = [...(results[id] ?? []), result];
  };
  await publish('user-satisfaction', FIXTURE_PERIODS.slice(0, 2));
  for (const id of FIXTURE_INDICATORS) await publish(id, FIXTURE_PERIODS);
  return { registry, metadata, results };
}

import type { DatasetDefinition } from '../datasets/dataset-definition.js';
import { DATASETS, type DatasetName } from '../datasets/datasets.js';
import { formatCsv } from '../datasets/format-csv.js';
import { type SubmitMetricBatchDeps, submitMetricBatch } from '../metrics/submit-metric-batch.js';
import { type DemoCity, SEED_DATASET_ORDER } from './generate-city.js';
import type { SeedProgressListener } from './seed-progress.js';

/** Recorded as the submitter of the demo city's batches. */
export const SEED_SUBMITTER = 'mirante-seed';

interface DemoBatch {
  readonly name: DatasetName;
  readonly label: string;
  readonly rows: readonly Record<string, unknown>[];
}

/** Batches and rows loaded per dataset. */
export type DemoMetricsLoaded = Record<DatasetName, { batches: number; rows: number }>;

/**
 * Loads the demo city's programme metrics through the real submission path
 * (`submitMetricBatch`: the CSV is parsed and validated exactly as `POST /v1/metrics` does,
 * months and services checked, then ingested atomically). Catalogue first, so transactions
 * find their services, then the other datasets side by side; a snapshot dataset is one batch,
 * a periodic dataset one batch per month (in month order), as the programme reports it. Idempotent: loading the same city again returns the same batch
 * ids and writes nothing.
 */
export async function loadDemoMetrics(
  deps: SubmitMetricBatchDeps,
  city: DemoCity,
  onProgress?: SeedProgressListener,
): Promise<DemoMetricsLoaded> {
  const batches = SEED_DATASET_ORDER.flatMap((name): DemoBatch[] => {
    const dataset = DATASETS[name];
    const rows = city.datasets[name] as readonly Record<string, unknown>[];
    if (dataset.kind === 'snapshot') return [{ name, label: name, rows }];
    const byMonth = new Map<string, Record<string, unknown>[]>();
    for (const row of rows) {
      const month = String(row.month);
      const list = byMonth.get(month) ?? [];
      list.push(row);
      byMonth.set(month, list);
    }
    return [...byMonth]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, list]) => ({ name, label: `${name} ${month}`, rows: list }));
  });
  const loaded = Object.fromEntries(
    SEED_DATASET_ORDER.map((name) => [name, { batches: 0, rows: 0 }]),
  ) as DemoMetricsLoaded;
  let done = 0;
  const submit = async (batch: DemoBatch) => {
    onProgress?.({ step: 'metrics', done, total: batches.length, label: batch.label });
    const result = await submitMetricBatch(deps, {
      dataset: batch.name,
      body: formatCsv<DatasetDefinition>(DATASETS[batch.name], batch.rows),
      contentType: 'text/csv; charset=utf-8',
      submitter: SEED_SUBMITTER,
    });
    loaded[batch.name].batches++;
    loaded[batch.name].rows += result.rows;
    done++;
  };
  // The catalogue first (transactions refer to it); then the other datasets side by side, each
  // one's batches in month order.
  const [first, ...others] = SEED_DATASET_ORDER;
  for (const batch of batches.filter((b) => b.name === first)) await submit(batch);
  await Promise.all(
    others.map(async (name) => {
      for (const batch of batches.filter((b) => b.name === name)) await submit(batch);
    }),
  );
  onProgress?.({ step: 'metrics', done, total: batches.length, label: 'metrics loaded' });
  return loaded;
}

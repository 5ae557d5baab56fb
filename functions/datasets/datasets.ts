import type { z } from 'zod';
import { ProblemError } from '../shared/problem.js';
import { courseCertificationsDataset } from './course-certifications.js';
import type { DatasetDefinition } from './dataset-definition.js';
import { deviceDonationsDataset } from './device-donations.js';
import { servicesDataset } from './services.js';
import { telecentrosDataset } from './telecentros.js';
import { transactionsDataset } from './transactions.js';
import { wifiHotspotsDataset } from './wifi-hotspots.js';
import { wifiReachDataset } from './wifi-reach.js';

/** Every metric dataset by its HTTP/lake name (hyphenated). */
export const DATASETS = {
  services: servicesDataset,
  'wifi-hotspots': wifiHotspotsDataset,
  telecentros: telecentrosDataset,
  transactions: transactionsDataset,
  'wifi-reach': wifiReachDataset,
  'device-donations': deviceDonationsDataset,
  'course-certifications': courseCertificationsDataset,
} as const;

/** The name of a metric dataset (`wifi-hotspots`). */
export type DatasetName = keyof typeof DATASETS;

/** A validated row of the named dataset. */
export type DatasetRow<N extends DatasetName> = z.infer<(typeof DATASETS)[N]['rowSchema']>;

/** The dataset names, in the registry's order. */
export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

/** Whether a string names a metric dataset. */
export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}

/** The definition of a dataset; an unknown name is a 404 problem. */
export function getDataset<N extends DatasetName>(name: N): (typeof DATASETS)[N];
export function getDataset(name: string): DatasetDefinition;
export function getDataset(name: string): DatasetDefinition {
  if (!isDatasetName(name)) {
    throw new ProblemError('not-found', {
      detail: `Unknown dataset "${name}". Known datasets: ${DATASET_NAMES.join(', ')}`,
    });
  }
  return DATASETS[name];
}

/** The definition whose DuckDB view has this name (`wifi_hotspots`), if any. */
export function datasetByView(view: string): DatasetDefinition | undefined {
  return Object.values(DATASETS).find((d) => d.view === view);
}

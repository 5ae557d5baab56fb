import type { CourseCertificationRow } from '../datasets/course-certifications.js';
import type { DatasetName } from '../datasets/datasets.js';
import type { DeviceDonationRow } from '../datasets/device-donations.js';
import type { ServiceRow } from '../datasets/services.js';
import type { TelecentroRow } from '../datasets/telecentros.js';
import type { TransactionRow } from '../datasets/transactions.js';
import type { WifiHotspotRow } from '../datasets/wifi-hotspots.js';
import type { WifiReachRow } from '../datasets/wifi-reach.js';
import { generateCourseCertifications } from './generate-course-certifications.js';
import { generateDeviceDonations } from './generate-device-donations.js';
import {
  generateServiceCatalogue,
  REDESIGNED_SERVICE_ID,
  redesignMonth,
  type SeedService,
} from './generate-services.js';
import { generateTelecentros } from './generate-telecentros.js';
import { generateTransactions } from './generate-transactions.js';
import { generateWifiHotspots } from './generate-wifi-hotspots.js';
import { generateWifiReach } from './generate-wifi-reach.js';
import { DEFAULT_SEED_TIMEZONE, type SeedCalendar, seedCalendar } from './seed-calendar.js';
import { DEFAULT_SEED, type SeedOptions } from './seed-options.js';

/** The rows of every metric dataset of the demo city, by dataset name. */
export interface CityDatasets {
  readonly services: ServiceRow[];
  readonly 'wifi-hotspots': WifiHotspotRow[];
  readonly telecentros: TelecentroRow[];
  readonly transactions: TransactionRow[];
  readonly 'wifi-reach': WifiReachRow[];
  readonly 'device-donations': DeviceDonationRow[];
  readonly 'course-certifications': CourseCertificationRow[];
}

/** The generated demo city: its calendar, its story and its metric datasets. */
export interface DemoCity {
  readonly seed: number;
  readonly calendar: SeedCalendar;
  /** The snapshot datasets describe the city as of this month (the latest full month). */
  readonly asOf: string;
  /** The redesigned service and the month it relaunched. */
  readonly redesign: { readonly serviceId: string; readonly month: string };
  /** The catalogue with its hidden traits (popularity, quality), for the ratings. */
  readonly catalogue: readonly SeedService[];
  readonly datasets: CityDatasets;
}

/**
 * Generates the synthetic Belo Horizonte: pure, no I/O, deterministic for (seed, today,
 * timezone). Periodic datasets cover the 24 full months before `today`'s month; snapshots are
 * as of the latest full month. Ratings come separately from `generateRatings` (they can be
 * far too many to hold).
 */
export function generateCity(options: SeedOptions): DemoCity {
  const seed = options.seed ?? DEFAULT_SEED;
  const calendar = seedCalendar(options.today, options.timezone ?? DEFAULT_SEED_TIMEZONE);
  const catalogue = generateServiceCatalogue(seed);
  const redesign = { serviceId: REDESIGNED_SERVICE_ID, month: redesignMonth(calendar) };
  const hotspots = generateWifiHotspots(seed, calendar);
  const datasets: CityDatasets = {
    services: catalogue.map((s) => s.row),
    'wifi-hotspots': hotspots,
    telecentros: generateTelecentros(seed, calendar),
    transactions: generateTransactions(seed, calendar, catalogue, redesign.month),
    'wifi-reach': generateWifiReach(seed, calendar, hotspots),
    'device-donations': generateDeviceDonations(seed, calendar),
    'course-certifications': generateCourseCertifications(seed, calendar),
  };
  return {
    seed,
    calendar,
    asOf: calendar.fullMonths[calendar.fullMonths.length - 1] as string,
    redesign,
    catalogue,
    datasets,
  };
}

/** The dataset names in the order the seed loads them (catalogue first). */
export const SEED_DATASET_ORDER: readonly DatasetName[] = [
  'services',
  'wifi-hotspots',
  'telecentros',
  'transactions',
  'wifi-reach',
  'device-donations',
  'course-certifications',
];

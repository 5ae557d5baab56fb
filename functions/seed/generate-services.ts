import { SERVICE_CATEGORIES, type ServiceCategory } from '../datasets/column-types.js';
import type { ServiceRow } from '../datasets/services.js';
import { addMonths } from '../shared/period.js';
import { apportion, createRandom } from './prng.js';
import { CATEGORY_TEMPLATES, FLAGSHIP_SERVICES, SERVICE_ACTIONS } from './service-names.js';

/** Services in the demo city's catalogue (the article's 1,400). */
export const SERVICE_COUNT = 1400;
/** Fully digital services (the article's 1,000). */
export const FULLY_DIGITAL_COUNT = 1000;
/** Partially digital services; the rest are offline only. */
export const PARTIAL_COUNT = 280;
/** The service redesigned in the demo city (its ratings improve from the redesign month). */
export const REDESIGNED_SERVICE_ID = 'svc-0002';
/** Services rated clearly worse than the rest besides the random ones. */
export const CLEARLY_WORSE_SERVICE_IDS = ['svc-0003', 'svc-0006'] as const;

/** A catalogue entry plus the hidden traits the other generators use. */
export interface SeedService {
  readonly row: ServiceRow;
  /** 1 = most used service. */
  readonly rank: number;
  /** Relative share of transactions and ratings (Zipf over the rank). */
  readonly popularity: number;
  /** Shift of the service's mean rating, in stars (negative: worse). */
  readonly quality: number;
  /** Whether the service is one of the clearly worse rated ones. */
  readonly clearlyWorse: boolean;
}

/** The `svc-NNNN` id of the n-th service (1-based). */
export const serviceId = (n: number): string => `svc-${String(n).padStart(4, '0')}`;

interface Draft {
  category: ServiceCategory;
  pt: string;
  en: string;
  score: number;
}

/**
 * The demo city's service catalogue: twelve flagship services (`svc-0001` … `svc-0012`) and
 * 1,388 composed from category subjects × actions, exactly 1,000 fully digital, 280 partial
 * and 120 offline only. Deterministic for a seed; independent of the date.
 */
export function generateServiceCatalogue(seed: number): SeedService[] {
  const random = createRandom(seed, 'services');
  const generatedCount = SERVICE_COUNT - FLAGSHIP_SERVICES.length;
  const counts = apportion(
    generatedCount,
    SERVICE_CATEGORIES.map((c) => CATEGORY_TEMPLATES[c].weight),
  );
  const drafts: Draft[] = [];
  SERVICE_CATEGORIES.forEach((category, ci) => {
    const template = CATEGORY_TEMPLATES[category];
    const combos = template.subjects.flatMap((subject) =>
      SERVICE_ACTIONS.map((action) => ({ subject, action })),
    );
    const count = counts[ci] as number;
    if (combos.length < count) throw new Error(`not enough service names for ${category}`);
    for (const { subject, action } of random.shuffle(combos).slice(0, count)) {
      drafts.push({
        category,
        pt: action.pt(subject.pt),
        en: action.en(subject.en),
        score: random.next() + template.digitalBias + action.digitalBias,
      });
    }
  });
  // Digital levels: the generated services complete the flagships' counts exactly.
  const flagshipFull = FLAGSHIP_SERVICES.filter((f) => f.digitalLevel === 'full').length;
  const flagshipPartial = FLAGSHIP_SERVICES.filter((f) => f.digitalLevel === 'partial').length;
  const byScore = [...drafts].sort((a, b) => b.score - a.score);
  const level = new Map<Draft, ServiceRow['digital_level']>();
  byScore.forEach((d, i) => {
    const full = FULLY_DIGITAL_COUNT - flagshipFull;
    const partial = PARTIAL_COUNT - flagshipPartial;
    level.set(d, i < full ? 'full' : i < full + partial ? 'partial' : 'none');
  });
  random.shuffle(drafts);
  const ranks = random.shuffle(Array.from({ length: generatedCount }, (_, i) => i + 13));

  const services: SeedService[] = [];
  const make = (n: number, rank: number, row: Omit<ServiceRow, 'service_id'>): SeedService => {
    const id = serviceId(n);
    const clearlyWorse =
      (CLEARLY_WORSE_SERVICE_IDS as readonly string[]).includes(id) ||
      (n > FLAGSHIP_SERVICES.length && random.chance(0.04));
    return {
      row: { service_id: id, ...row },
      rank,
      popularity: 1 / rank ** 1.05,
      quality: random.normal(0, 0.3) - (clearlyWorse ? 1.4 : 0),
      clearlyWorse,
    };
  };
  FLAGSHIP_SERVICES.forEach((f, i) => {
    services.push(
      make(i + 1, i + 1, {
        name_pt: f.pt,
        name_en: f.en,
        category: f.category,
        digital_level: f.digitalLevel,
      }),
    );
  });
  drafts.forEach((d, i) => {
    services.push(
      make(FLAGSHIP_SERVICES.length + i + 1, ranks[i] as number, {
        name_pt: d.pt,
        name_en: d.en,
        category: d.category,
        digital_level: level.get(d) ?? 'none',
      }),
    );
  });
  return services;
}

/** The `services` dataset rows of the demo city. */
export function generateServices(seed: number): ServiceRow[] {
  return generateServiceCatalogue(seed).map((s) => s.row);
}

/** How many months before the current one the redesigned service relaunched. */
export const REDESIGN_MONTHS_AGO = 12;

/** The month (`YYYY-MM`) the redesigned service (`svc-0002`) relaunched. */
export function redesignMonth(calendar: { readonly currentMonth: string }): string {
  return addMonths(calendar.currentMonth, -REDESIGN_MONTHS_AGO);
}

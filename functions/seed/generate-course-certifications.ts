import type {
  AGE_BANDS,
  AUDIENCES,
  CourseCertificationRow,
  GENDERS,
  TRACKS,
} from '../datasets/course-certifications.js';
import { REGION_PROFILES } from './city-geography.js';
import { apportion, createRandom, pickWeighted } from './prng.js';
import type { SeedCalendar } from './seed-calendar.js';

/** People certified over the 24 months (the article's "around 15,000"). */
export const CERTIFIED_TOTAL = 15_000;

/** A digital-skills course of the demo city. */
export interface SeedCourse {
  readonly id: string;
  readonly name: string;
  readonly track: (typeof TRACKS)[number];
  readonly audience: (typeof AUDIENCES)[number];
  /** Share of all certifications. */
  readonly weight: number;
  /** When cohorts finish: every month, each quarter, or at the end of school terms. */
  readonly schedule: 'monthly' | 'quarterly' | 'school';
}

/**
 * The courses: basic introductions, a course for older people (60+), courses for youth in
 * schools (15–17), web and other tracks, and "Programando Sonhos" (Coding her dreams), the
 * women-only programming course of 2018, whose quarterly cohorts lift women to 60% of the
 * certified.
 */
export const SEED_COURSES: readonly SeedCourse[] = [
  {
    id: 'introducao-informatica',
    name: 'Introdução à informática',
    track: 'basic',
    audience: 'general',
    weight: 0.22,
    schedule: 'monthly',
  },
  {
    id: 'internet-segura',
    name: 'Internet segura e cidadania digital',
    track: 'basic',
    audience: 'general',
    weight: 0.1,
    schedule: 'monthly',
  },
  {
    id: 'servicos-digitais',
    name: 'Serviços públicos digitais',
    track: 'basic',
    audience: 'general',
    weight: 0.1,
    schedule: 'monthly',
  },
  {
    id: 'informatica-melhor-idade',
    name: 'Informática na melhor idade',
    track: 'basic',
    audience: 'elderly',
    weight: 0.12,
    schedule: 'monthly',
  },
  {
    id: 'computacao-na-escola',
    name: 'Computação na escola',
    track: 'basic',
    audience: 'youth',
    weight: 0.13,
    schedule: 'school',
  },
  {
    id: 'programacao-jovem',
    name: 'Lógica de programação para jovens',
    track: 'programming',
    audience: 'youth',
    weight: 0.05,
    schedule: 'school',
  },
  {
    id: 'programando-sonhos',
    name: 'Programando Sonhos',
    track: 'programming',
    audience: 'women',
    weight: 0.12,
    schedule: 'quarterly',
  },
  {
    id: 'criacao-sites',
    name: 'Criação de páginas web',
    track: 'web',
    audience: 'general',
    weight: 0.06,
    schedule: 'monthly',
  },
  {
    id: 'planilhas',
    name: 'Planilhas eletrônicas',
    track: 'other',
    audience: 'general',
    weight: 0.06,
    schedule: 'monthly',
  },
  {
    id: 'empreendedorismo-digital',
    name: 'Empreendedorismo digital',
    track: 'other',
    audience: 'general',
    weight: 0.04,
    schedule: 'monthly',
  },
];

/** Gender mix of the mixed courses, chosen so that women are 60% of all certified. */
const MIXED_GENDERS: readonly (readonly [(typeof GENDERS)[number], number])[] = [
  ['female', 0.5455],
  ['male', 0.4245],
  ['other', 0.01],
  ['not_informed', 0.02],
];

const ADULT_AGES: readonly (readonly [(typeof AGE_BANDS)[number], number])[] = [
  ['18-29', 0.3],
  ['30-44', 0.32],
  ['45-59', 0.25],
  ['60+', 0.13],
];

function scheduleWeight(schedule: SeedCourse['schedule'], month: string, t: number): number {
  const m = Number(month.slice(5, 7));
  if (schedule === 'quarterly') return m % 3 === 0 ? 1 : 0;
  if (schedule === 'school') return m === 6 || m === 7 || m === 11 || m === 12 ? 1 : 0;
  return 0.8 + 0.4 * (t / 23);
}

/**
 * The `course-certifications` rows of the demo city: exactly 15,000 people certified over the
 * 24 full months, by month × course × gender × age band × regional (rows with at least one
 * person). Women are 60% (the women-only course plus mixed courses); the course for older
 * people certifies 60+ only, the school courses 15–17 only.
 */
export function generateCourseCertifications(
  seed: number,
  calendar: SeedCalendar,
): CourseCertificationRow[] {
  const random = createRandom(seed, 'course-certifications');
  const months = calendar.fullMonths;
  const perCourse = apportion(
    CERTIFIED_TOTAL,
    SEED_COURSES.map((c) => c.weight),
  );
  const regionItems = REGION_PROFILES.map(
    (r) => [r.region, r.population * (1 + 0.5 * r.vulnerability)] as const,
  );
  const rows: CourseCertificationRow[] = [];
  SEED_COURSES.forEach((course, ci) => {
    const perMonth = apportion(
      perCourse[ci] as number,
      months.map((m, t) => scheduleWeight(course.schedule, m, t) * (0.8 + 0.4 * random.next())),
    );
    months.forEach((month, t) => {
      const cells = new Map<string, CourseCertificationRow>();
      for (let p = 0; p < (perMonth[t] as number); p++) {
        const gender = course.audience === 'women' ? 'female' : pickWeighted(random, MIXED_GENDERS);
        const age_band =
          course.audience === 'elderly'
            ? '60+'
            : course.audience === 'youth'
              ? '15-17'
              : pickWeighted(random, ADULT_AGES);
        const region = pickWeighted(random, regionItems);
        const key = `${gender}|${age_band}|${region}`;
        const cell = cells.get(key);
        if (cell) cell.certified++;
        else {
          cells.set(key, {
            month,
            course_id: course.id,
            course_name: course.name,
            track: course.track,
            audience: course.audience,
            gender,
            age_band,
            region,
            certified: 1,
          });
        }
      }
      rows.push(
        ...[...cells.values()].sort(
          (a, b) =>
            a.gender.localeCompare(b.gender) ||
            a.age_band.localeCompare(b.age_band) ||
            a.region.localeCompare(b.region),
        ),
      );
    });
  });
  return rows;
}

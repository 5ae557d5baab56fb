import type { HOST_TYPES, TelecentroRow } from '../datasets/telecentros.js';
import { REGION_PROFILES } from './city-geography.js';
import { apportion, createRandom } from './prng.js';
import { dayOfIsoDate, isoDateOfDay, lastDayOfMonth, type SeedCalendar } from './seed-calendar.js';

/** Telecentros in the demo city (the article's "around 150"). */
export const TELECENTRO_COUNT = 150;

/** How many telecentros each host type runs: mostly social assistance offices and NGOs. */
export const TELECENTRO_HOSTS: readonly (readonly [(typeof HOST_TYPES)[number], number])[] = [
  ['social_assistance', 64],
  ['ngo', 54],
  ['school', 16],
  ['library', 10],
  ['other', 6],
];

const NGO_KINDS = [
  'Associação Comunitária',
  'Associação de Moradores',
  'Centro Comunitário',
  'Instituto Social',
];

/**
 * The `telecentros` rows of the demo city: 150 public internet spaces, mostly in social
 * assistance offices (CRAS) and NGOs, placed by regional population and vulnerability,
 * opened since 2008. Ids `tc-001` … in order of opening.
 */
export function generateTelecentros(seed: number, calendar: SeedCalendar): TelecentroRow[] {
  const random = createRandom(seed, 'telecentros');
  const hosts = TELECENTRO_HOSTS.flatMap(([host, n]) => Array.from({ length: n }, () => host));
  random.shuffle(hosts);
  const perRegion = apportion(
    TELECENTRO_COUNT,
    REGION_PROFILES.map((r) => r.population * (0.5 + r.vulnerability)),
  );
  const firstDay = dayOfIsoDate('2008-03-01');
  const lastDay = dayOfIsoDate(
    lastDayOfMonth(calendar.fullMonths[calendar.fullMonths.length - 1] as string),
  );
  const names = new Set<string>();
  const drafts: Omit<TelecentroRow, 'telecentro_id'>[] = [];
  let h = 0;
  REGION_PROFILES.forEach((profile, ri) => {
    for (let k = 0; k < (perRegion[ri] as number); k++) {
      const host_type = hosts[h++] as TelecentroRow['host_type'];
      const place = random.pick(profile.neighbourhoods);
      let name =
        host_type === 'social_assistance'
          ? `Telecentro CRAS ${place}`
          : host_type === 'ngo'
            ? `Telecentro ${random.pick(NGO_KINDS)} ${place}`
            : host_type === 'school'
              ? `Telecentro Escola Municipal ${place}`
              : host_type === 'library'
                ? `Telecentro Biblioteca ${place}`
                : `Telecentro Centro de Referência ${place}`;
      for (let n = 2; names.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
      names.add(name);
      const day = firstDay + Math.floor(random.next() ** 0.8 * (lastDay - firstDay + 1));
      drafts.push({ name, region: profile.region, host_type, opened_on: isoDateOfDay(day) });
    }
  });
  drafts.sort((a, b) => a.opened_on.localeCompare(b.opened_on) || a.name.localeCompare(b.name));
  return drafts.map((d, i) => ({ telecentro_id: `tc-${String(i + 1).padStart(3, '0')}`, ...d }));
}

import type { WifiHotspotRow } from '../datasets/wifi-hotspots.js';
import { REGION_PROFILES } from './city-geography.js';
import { apportion, createRandom } from './prng.js';
import {
  dayOfIsoDate,
  isoDateOfDay,
  lastDayOfMonth,
  monthStartMs,
  type SeedCalendar,
} from './seed-calendar.js';

/** Hotspots in the demo city (the article's 4,000). */
export const HOTSPOT_COUNT = 4000;
/** Hotspots in areas of economic vulnerability (the article's half). */
export const VULNERABLE_HOTSPOT_COUNT = 2000;
/** Share of the hotspots already active when the 24-month window opens. */
const ACTIVE_BEFORE_WINDOW = 0.55;
/** Years of roll-out before the window. */
const YEARS_BEFORE_WINDOW = 6;

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The `wifi-hotspots` rows of the demo city: 4,000 hotspots across the nine regionais (more
 * where more people live and where vulnerability is higher), exactly 2,000 in vulnerable
 * areas, placed inside their regional's rough area, activated over the six years before the
 * window (55%) and, at a rising pace, during it; all active by the end of the latest full
 * month. Ids `wifi-0001` … in order of activation.
 */
export function generateWifiHotspots(seed: number, calendar: SeedCalendar): WifiHotspotRow[] {
  const random = createRandom(seed, 'wifi-hotspots');
  const perRegion = apportion(
    HOTSPOT_COUNT,
    REGION_PROFILES.map((r) => r.population * (0.7 + 0.6 * r.vulnerability)),
  );
  const firstMonth = calendar.fullMonths[0] as string;
  const lastMonth = calendar.fullMonths[calendar.fullMonths.length - 1] as string;
  const windowStart = Math.floor(monthStartMs(firstMonth, 'UTC') / 86_400_000);
  const lastDay = dayOfIsoDate(lastDayOfMonth(lastMonth));
  const rolloutStart = windowStart - Math.round(YEARS_BEFORE_WINDOW * 365.25);

  const drafts = REGION_PROFILES.flatMap((profile, ri) =>
    Array.from({ length: perRegion[ri] as number }, () => {
      const { box } = profile;
      const day = random.chance(ACTIVE_BEFORE_WINDOW)
        ? rolloutStart + Math.floor(random.next() * (windowStart - rolloutStart))
        : // density rising linearly through the window
          windowStart + Math.floor(Math.sqrt(random.next()) * (lastDay - windowStart + 1));
      return {
        region: profile.region,
        vulnerabilityScore: profile.vulnerability + random.next() * 0.8,
        latitude: round6(box.latMin + random.next() * (box.latMax - box.latMin)),
        longitude: round6(box.lonMin + random.next() * (box.lonMax - box.lonMin)),
        day: Math.min(day, lastDay),
        vulnerable: false,
      };
    }),
  );
  [...drafts]
    .sort((a, b) => b.vulnerabilityScore - a.vulnerabilityScore)
    .slice(0, VULNERABLE_HOTSPOT_COUNT)
    .forEach((d) => {
      d.vulnerable = true;
    });
  drafts.sort((a, b) => a.day - b.day);
  return drafts.map((d, i) => ({
    hotspot_id: `wifi-${String(i + 1).padStart(4, '0')}`,
    region: d.region,
    vulnerable_area: d.vulnerable,
    latitude: d.latitude,
    longitude: d.longitude,
    active_since: isoDateOfDay(d.day),
  }));
}

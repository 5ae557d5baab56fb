import type { WifiHotspotRow } from '../datasets/wifi-hotspots.js';
import type { WifiReachRow } from '../datasets/wifi-reach.js';
import { REGION_PROFILES } from './city-geography.js';
import { apportion, createRandom } from './prng.js';
import { lastDayOfMonth, type SeedCalendar } from './seed-calendar.js';

/** People reached in the latest full month (the article's "almost 400,000"). */
export const REACH_LATEST_MONTH = 395_000;
/** People reached in the oldest month of the window. */
const REACH_FIRST_MONTH = 300_000;

/**
 * The `wifi-reach` rows of the demo city: per full month and regional, unique users rising
 * from about 300,000 to exactly 395,000 in the latest full month (city total), split by the
 * hotspots active in each regional at the month's end (vulnerable areas weigh more), with
 * 4–9 sessions per user.
 */
export function generateWifiReach(
  seed: number,
  calendar: SeedCalendar,
  hotspots: readonly WifiHotspotRow[],
): WifiReachRow[] {
  const random = createRandom(seed, 'wifi-reach');
  const months = calendar.fullMonths;
  const rows: WifiReachRow[] = [];
  months.forEach((month, t) => {
    const last = t === months.length - 1;
    const trend =
      REACH_FIRST_MONTH + (REACH_LATEST_MONTH - REACH_FIRST_MONTH) * (t / (months.length - 1));
    const total = last ? REACH_LATEST_MONTH : Math.round(trend * (1 + random.normal(0, 0.008)));
    const monthEnd = lastDayOfMonth(month);
    const weights = REGION_PROFILES.map((profile) => {
      let w = 0;
      for (const h of hotspots) {
        if (h.region === profile.region && h.active_since <= monthEnd) {
          w += h.vulnerable_area ? 1.3 : 1;
        }
      }
      return w * (1 + random.normal(0, 0.04));
    });
    const users = apportion(total, weights);
    REGION_PROFILES.forEach((profile, ri) => {
      const unique_users = users[ri] as number;
      rows.push({
        month,
        region: profile.region,
        unique_users,
        sessions: Math.round(unique_users * (4 + 5 * random.next())),
      });
    });
  });
  return rows;
}

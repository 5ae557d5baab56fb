import type { DeviceDonationRow } from '../datasets/device-donations.js';
import { REGION_PROFILES } from './city-geography.js';
import { createRandom, pickWeighted } from './prng.js';
import type { SeedCalendar } from './seed-calendar.js';

/** Devices donated over the 24 months (the article's "around 2,000"). */
export const DEVICES_DONATED = 2000;

/** The demo city's donation programmes and the devices each hands over. */
export const DONATION_PROGRAMMES = [
  {
    name: 'Recondiciona BH',
    weight: 0.5,
    devices: [
      ['computer', 0.6],
      ['notebook', 0.4],
    ],
  },
  {
    name: 'Conecta Vilas',
    weight: 0.3,
    devices: [
      ['notebook', 0.5],
      ['tablet', 0.5],
    ],
  },
  {
    name: 'Estudante Conectado',
    weight: 0.2,
    devices: [['tablet', 1]],
  },
] as const;

/**
 * The `device-donations` rows of the demo city: exactly 2,000 computers, notebooks and tablets
 * over the 24 full months, by month × regional × device type × programme (rows with at least
 * one device), more in vulnerable regionais and in later months.
 */
export function generateDeviceDonations(seed: number, calendar: SeedCalendar): DeviceDonationRow[] {
  const random = createRandom(seed, 'device-donations');
  const months = calendar.fullMonths;
  const monthWeights = months.map(
    (_, t) => (0.7 + 0.6 * (t / (months.length - 1))) * (0.6 + 0.8 * random.next()),
  );
  const monthItems = months.map((m, t) => [m, monthWeights[t] as number] as const);
  const regionItems = REGION_PROFILES.map(
    (r) => [r.region, r.population * r.vulnerability] as const,
  );
  const programmeItems = DONATION_PROGRAMMES.map((p) => [p, p.weight] as const);
  const cells = new Map<string, DeviceDonationRow>();
  for (let i = 0; i < DEVICES_DONATED; i++) {
    const month = pickWeighted(random, monthItems);
    const region = pickWeighted(random, regionItems);
    const programme = pickWeighted(random, programmeItems);
    const device_type = pickWeighted(random, programme.devices);
    const key = `${month}|${region}|${device_type}|${programme.name}`;
    const cell = cells.get(key);
    if (cell) cell.quantity++;
    else cells.set(key, { month, region, device_type, programme: programme.name, quantity: 1 });
  }
  return [...cells.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      a.programme.localeCompare(b.programme) ||
      a.region.localeCompare(b.region) ||
      a.device_type.localeCompare(b.device_type),
  );
}

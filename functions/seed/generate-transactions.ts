import type { TransactionRow } from '../datasets/transactions.js';
import { CHANNELS } from '../shared/vocabulary.js';
import { channelShares } from './channel-mix.js';
import { REDESIGNED_SERVICE_ID, type SeedService } from './generate-services.js';
import { createRandom } from './prng.js';
import type { SeedCalendar } from './seed-calendar.js';

/** Only the busiest services report transactions (keeps the dataset to ~30,000 rows). */
export const TRANSACTION_REPORTING_SERVICES = 300;

/** Completed transactions per month of the most used service. */
const TOP_SERVICE_MONTHLY = 150_000;

/** Seasonal factor of a category in a calendar month (1–12): tax season, school enrolment. */
function seasonality(category: string, calendarMonth: number): number {
  if (category === 'tributos' && calendarMonth <= 2) return 1.6;
  if (category === 'educacao' && (calendarMonth >= 11 || calendarMonth === 1)) return 1.5;
  if (category === 'cultura' && (calendarMonth === 2 || calendarMonth === 7)) return 1.3;
  return 1;
}

/**
 * The `transactions` rows of the demo city: for the 300 busiest services, every full month ×
 * every channel the service offers, digital take-up rising over the 24 months (and jumping for
 * the redesigned service). Counts follow the services' popularity with seasonal and random
 * variation.
 */
export function generateTransactions(
  seed: number,
  calendar: SeedCalendar,
  catalogue: readonly SeedService[],
  redesignMonth: string,
): TransactionRow[] {
  const random = createRandom(seed, 'transactions');
  const months = calendar.fullMonths;
  const redesignIndex = months.indexOf(redesignMonth);
  const reporting = [...catalogue]
    .sort((a, b) => a.rank - b.rank)
    .slice(0, TRANSACTION_REPORTING_SERVICES)
    .sort((a, b) => a.row.service_id.localeCompare(b.row.service_id));
  const shifts = reporting.map(() => random.normal(0, 0.05));
  const rows: TransactionRow[] = [];
  months.forEach((month, t) => {
    const growth = 1 + 0.12 * (t / (months.length - 1));
    const calendarMonth = Number(month.slice(5, 7));
    reporting.forEach((service, si) => {
      const { service_id, digital_level, category } = service.row;
      const volume =
        TOP_SERVICE_MONTHLY *
        service.popularity *
        growth *
        seasonality(category, calendarMonth) *
        (1 + random.normal(0, 0.06));
      const shares = channelShares(digital_level, t, months.length, {
        digitalShift: shifts[si] as number,
        ...(service_id === REDESIGNED_SERVICE_ID && redesignIndex >= 0
          ? { redesignMonthIndex: redesignIndex }
          : {}),
      });
      CHANNELS.forEach((channel, ci) => {
        const share = shares[ci] as number;
        if (share <= 0) return;
        const completed = random.poisson(Math.max(0, volume * share));
        rows.push({ month, service_id, channel, completed });
      });
    });
  });
  return rows;
}

import { addMonths, monthOf } from '../shared/period.js';

/** The city's default time zone. */
export const DEFAULT_SEED_TIMEZONE = 'America/Sao_Paulo';

/**
 * The months of the demo city, relative to `today`: the last 24 full months and the current
 * one, in the city's time zone. Programme metrics are reported for full months only; ratings
 * run up to `today`.
 */
export interface SeedCalendar {
  readonly timezone: string;
  /** The instant the city is generated for; no rating is collected after it. */
  readonly today: Date;
  /** The month `today` falls in (incomplete). */
  readonly currentMonth: string;
  /** The 24 full months before the current one, oldest first. */
  readonly fullMonths: readonly string[];
  /** `fullMonths` plus the current month. */
  readonly months: readonly string[];
}

/** Number of full months of history in the demo city. */
export const SEED_FULL_MONTHS = 24;

/** The demo city's calendar for `today` in `timezone`. */
export function seedCalendar(today: Date, timezone: string = DEFAULT_SEED_TIMEZONE): SeedCalendar {
  const currentMonth = monthOf(today, timezone);
  const fullMonths = Array.from({ length: SEED_FULL_MONTHS }, (_, i) =>
    addMonths(currentMonth, i - SEED_FULL_MONTHS),
  );
  return { timezone, today, currentMonth, fullMonths, months: [...fullMonths, currentMonth] };
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The offset of `timezone` from UTC at an instant, in milliseconds (UTC−3 → −10,800,000). */
export function timezoneOffsetMs(instantMs: number, timezone: string): number {
  let f = offsetFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timezone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year as number,
    (parts.month as number) - 1,
    parts.day as number,
    parts.hour as number,
    parts.minute as number,
    parts.second as number,
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The UTC instant (ms) at which a month (`YYYY-MM`) starts in `timezone`. */
export function monthStartMs(month: string, timezone: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, 1);
  const guess = wall - timezoneOffsetMs(wall, timezone);
  return wall - timezoneOffsetMs(guess, timezone);
}

/** The last calendar day of a month, `YYYY-MM-DD`. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** A calendar date `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function isoDateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The day number (days since 1970-01-01) of a `YYYY-MM-DD` date. */
export function dayOfIsoDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

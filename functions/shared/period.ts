/**
 * Periods are calendar months (`YYYY-MM`) in the city's time zone; timestamps are UTC ISO-8601.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function monthFormatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit' });
    formatters.set(timezone, f);
  }
  return f;
}

/** The month (`YYYY-MM`) that an instant falls in, in the given IANA time zone. */
export function monthOf(instant: Date | string, timezone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts = monthFormatter(timezone).formatToParts(date);
  const year = parts.find((p) => p.type === 'year')?.value;
  const month = parts.find((p) => p.type === 'month')?.value;
  return `${year}-${month}`;
}

/** Matches a period string (`YYYY-MM`, months 01–12). */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Adds `delta` months to a `YYYY-MM` period. */
export function addMonths(period: string, delta: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const pad2 = (n: number): string => String(n).padStart(2, '0');

let tables: { minutes: string[]; tails: string[] } | undefined;
/** `HH:MM:` for every minute of a day and `SS.mmmZ` for every millisecond of a minute. */
function lookupTables(): { minutes: string[]; tails: string[] } {
  if (!tables) {
    tables = {
      minutes: Array.from(
        { length: 1440 },
        (_, i) => `${pad2(Math.floor(i / 60))}:${pad2(i % 60)}:`,
      ),
      tails: Array.from(
        { length: MINUTE_MS },
        (_, i) => `${pad2(Math.floor(i / 1000))}.${String(i % 1000).padStart(3, '0')}Z`,
      ),
    };
  }
  return tables;
}

/**
 * A fast UTC ISO-8601 formatter for the ratings generator (`Date#toISOString` and piecewise
 * string building dominate at millions of timestamps a second): a cached `YYYY-MM-DDT` day
 * prefix, then precomputed `HH:MM:` and `SS.mmmZ` pieces. Same output as `toISOString` for
 * years 0–9999 and whole milliseconds.
 */
export function createIsoFormatter(): (ms: number) => string {
  const { minutes, tails } = lookupTables();
  const days = new Map<number, string>();
  let lastDay = Number.NaN;
  let lastPrefix = '';
  return (ms: number) => {
    const day = Math.floor(ms / DAY_MS);
    if (day !== lastDay) {
      let prefix = days.get(day);
      if (prefix === undefined) {
        prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
        days.set(day, prefix);
      }
      lastDay = day;
      lastPrefix = prefix;
    }
    const inDay = ms - day * DAY_MS;
    const minute = Math.floor(inDay / MINUTE_MS);
    return lastPrefix + (minutes[minute] as string) + (tails[inDay - minute * MINUTE_MS] as string);
  };
}

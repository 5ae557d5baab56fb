import { describe, expect, it } from 'vitest';
import { createIsoFormatter } from '../../../functions/seed/iso-time.js';
import { createRandom } from '../../../functions/seed/prng.js';
import {
  lastDayOfMonth,
  monthStartMs,
  seedCalendar,
  timezoneOffsetMs,
} from '../../../functions/seed/seed-calendar.js';

describe('seedCalendar', () => {
  it('holds the 24 full months before today and the current one', () => {
    const c = seedCalendar(new Date('2025-06-15T12:00:00Z'));
    expect(c.currentMonth).toBe('2025-06');
    expect(c.fullMonths).toHaveLength(24);
    expect(c.fullMonths[0]).toBe('2023-06');
    expect(c.fullMonths.at(-1)).toBe('2025-05');
    expect(c.months).toEqual([...c.fullMonths, '2025-06']);
  });

  it('reads the current month in the city time zone', () => {
    // 02:00 UTC on 1 July is still 30 June, 23:00 in São Paulo.
    expect(seedCalendar(new Date('2025-07-01T02:00:00Z')).currentMonth).toBe('2025-06');
    expect(seedCalendar(new Date('2025-07-01T02:00:00Z'), 'UTC').currentMonth).toBe('2025-07');
    expect(seedCalendar(new Date('2026-01-10T00:00:00Z')).fullMonths[0]).toBe('2024-01');
  });

  it('finds month starts across offsets and DST', () => {
    expect(monthStartMs('2025-06', 'America/Sao_Paulo')).toBe(Date.UTC(2025, 5, 1, 3));
    expect(monthStartMs('2025-06', 'UTC')).toBe(Date.UTC(2025, 5, 1));
    // São Paulo still had summer time (UTC−2) in January 2018.
    expect(monthStartMs('2018-01', 'America/Sao_Paulo')).toBe(Date.UTC(2018, 0, 1, 2));
    expect(monthStartMs('2025-04', 'Europe/Lisbon')).toBe(Date.UTC(2025, 2, 31, 23));
    expect(timezoneOffsetMs(Date.UTC(2025, 0, 1), 'America/Sao_Paulo')).toBe(-3 * 3_600_000);
  });

  it('knows month lengths', () => {
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02')).toBe('2025-02-28');
    expect(lastDayOfMonth('2025-12')).toBe('2025-12-31');
  });
});

describe('createIsoFormatter', () => {
  it('formats like Date#toISOString', () => {
    const iso = createIsoFormatter();
    const r = createRandom(9);
    const base = Date.UTC(2023, 0, 1);
    let t = base;
    for (let i = 0; i < 5000; i++) {
      t += Math.floor(r.next() * 4 * 3_600_000);
      const jump = r.chance(0.1) ? -Math.floor(r.next() * 30 * 86_400_000) : 0;
      const ms = Math.max(base, t + jump);
      expect(iso(ms)).toBe(new Date(ms).toISOString());
    }
    expect(iso(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29T23:59:59.999Z');
  });
});

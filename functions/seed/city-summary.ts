import type { DemoCity } from './generate-city.js';
import { lastDayOfMonth } from './seed-calendar.js';

/** The city's headline figures as published in the article (the demo city's targets). */
export const ARTICLE_FIGURES = {
  services: 1400,
  fullyDigitalServices: 1000,
  fullyDigitalSharePercent: 71.4,
  hotspots: 4000,
  vulnerableSharePercent: 50,
  reachLatestMonth: 400_000,
  devicesDonated: 2000,
  telecentros: 150,
  certified: 15_000,
  womenSharePercent: 60,
} as const;

/** The headline figures of a generated city (same keys as `ARTICLE_FIGURES`). */
export interface CitySummary {
  readonly services: number;
  readonly fullyDigitalServices: number;
  /** Fully digital ÷ all services, 0–100. */
  readonly fullyDigitalSharePercent: number;
  /** Hotspots active at the end of the latest full month. */
  readonly hotspots: number;
  readonly vulnerableHotspots: number;
  /** Vulnerable-area hotspots ÷ active hotspots, 0–100. */
  readonly vulnerableSharePercent: number;
  /** Unique Wi-Fi users (sum over regionais) in the latest full month. */
  readonly reachLatestMonth: number;
  readonly devicesDonated: number;
  readonly telecentros: number;
  readonly certified: number;
  /** Female ÷ all certified, 0–100. */
  readonly womenSharePercent: number;
  /** The latest full month the figures refer to. */
  readonly latestMonth: string;
}

const percent = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;

/**
 * The headline figures of a generated city, computed from its dataset rows the way the
 * indicators compute them (so they can be compared with `ARTICLE_FIGURES`).
 */
export function summarizeCity(city: DemoCity): CitySummary {
  const d = city.datasets;
  const latestMonth = city.asOf;
  const monthEnd = lastDayOfMonth(latestMonth);
  const full = d.services.filter((s) => s.digital_level === 'full').length;
  const active = d['wifi-hotspots'].filter((h) => h.active_since <= monthEnd);
  const vulnerable = active.filter((h) => h.vulnerable_area).length;
  const certifications = d['course-certifications'];
  const certified = certifications.reduce((a, r) => a + r.certified, 0);
  const women = certifications
    .filter((r) => r.gender === 'female')
    .reduce((a, r) => a + r.certified, 0);
  return {
    services: d.services.length,
    fullyDigitalServices: full,
    fullyDigitalSharePercent: percent(full, d.services.length),
    hotspots: active.length,
    vulnerableHotspots: vulnerable,
    vulnerableSharePercent: percent(vulnerable, active.length),
    reachLatestMonth: d['wifi-reach']
      .filter((r) => r.month === latestMonth)
      .reduce((a, r) => a + r.unique_users, 0),
    devicesDonated: d['device-donations'].reduce((a, r) => a + r.quantity, 0),
    telecentros: d.telecentros.length,
    certified,
    womenSharePercent: percent(women, certified),
    latestMonth,
  };
}

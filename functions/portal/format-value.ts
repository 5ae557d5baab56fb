import type { IndicatorMetadata } from '../indicators/indicator-metadata.js';
import type { PortalLanguage } from './portal-language.js';

/** Unit of a value shown on the portal (an indicator's or a measure's). */
export type ValueUnit = IndicatorMetadata['unit'];

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: PortalLanguage, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, options);
    numberFormats.set(key, f);
  }
  return f;
}

/**
 * A value for people, in the page's language: percent (0–100) as `87,3%`, score (0–1) and ratio
 * with two decimals, counts as whole numbers with thousands separators (`12.345`).
 */
export function formatValue(value: number, unit: ValueUnit, lang: PortalLanguage): string {
  switch (unit) {
    case 'percent':
      return numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
    case 'score':
    case 'ratio':
      return numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
        value,
      );
    case 'count':
      return numberFormat(lang, { maximumFractionDigits: 0 }).format(value);
  }
}

/** A count (`n`) with thousands separators. */
export function formatCount(value: number, lang: PortalLanguage): string {
  return formatValue(value, 'count', lang);
}

/**
 * A change between two values, with its sign: percentage points for percents (`+1,2 p.p.`),
 * two decimals for scores and ratios, whole numbers for counts.
 */
export function formatDelta(delta: number, unit: ValueUnit, lang: PortalLanguage): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  switch (unit) {
    case 'percent':
      return `${sign}${numberFormat(lang, { maximumFractionDigits: 1 }).format(size)} ${lang === 'en' ? 'pp' : 'p.p.'}`;
    case 'score':
    case 'ratio':
      return `${sign}${numberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(size)}`;
    case 'count':
      return `${sign}${numberFormat(lang, { maximumFractionDigits: 0 }).format(size)}`;
  }
}

/** A relative change (`+4,5%`). */
export function formatRelativeChange(ratio: number, lang: PortalLanguage): string {
  const sign = ratio > 0 ? '+' : ratio < 0 ? '−' : '±';
  return `${sign}${numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(Math.abs(ratio))}`;
}

const periodFormats = new Map<string, Intl.DateTimeFormat>();

function periodFormat(lang: PortalLanguage, month: 'short' | 'long'): Intl.DateTimeFormat {
  const key = `${lang}|${month}`;
  let f = periodFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { month, year: 'numeric', timeZone: 'UTC' });
    periodFormats.set(key, f);
  }
  return f;
}

/** The first instant (UTC) of a `YYYY-MM` period, for charts. */
export function periodDate(period: string): Date {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1));
}

/** A period for people: `fevereiro de 2025` / `February 2025` (`short`: `fev. de 2025`). */
export function formatPeriod(
  period: string,
  lang: PortalLanguage,
  month: 'short' | 'long' = 'long',
): string {
  return periodFormat(lang, month).format(periodDate(period));
}

/** A compact period for chart axes: `fev 25` / `Feb 25`. */
export function formatPeriodTick(date: Date, lang: PortalLanguage): string {
  const name = new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' })
    .format(date)
    .replace(/\.$/, '');
  return `${name} ${String(date.getUTCFullYear()).slice(2)}`;
}

/** An instant for people, in the city's time zone: `28 de novembro de 2026 às 09:46`. */
export function formatInstant(iso: string, lang: PortalLanguage, timezone: string): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: timezone,
  }).format(new Date(iso));
}

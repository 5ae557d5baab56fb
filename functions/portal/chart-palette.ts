/**
 * Colours of chart series, each with at least 3:1 contrast against white (WCAG 2.1 non-text
 * contrast), ordered so that neighbours differ in hue and lightness.
 */
export const CHART_PALETTE = [
  '#1d4f91',
  '#c2410c',
  '#0f766e',
  '#7e22ce',
  '#b91c1c',
  '#4d7c0f',
  '#475569',
  '#a16207',
  '#be185d',
  '#0369a1',
] as const;

/** Colour of a single-series chart. */
export const CHART_PRIMARY = CHART_PALETTE[0];

/** Colour of chart text and axes (contrast above 12:1 on white). */
export const CHART_INK = '#1f2937';

/** The colour of the n-th series (the palette repeats past its end). */
export function seriesColor(index: number): string {
  return CHART_PALETTE[index % CHART_PALETTE.length] as string;
}

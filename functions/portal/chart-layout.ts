import type { ChartModel } from './chart-model.js';
import type { PortalLanguage } from './portal-language.js';
import { PORTAL_TEXT } from './portal-text.js';

/** Width of every chart (the SVG scales down with its container). */
export const CHART_WIDTH = 640;

/** Height of a time chart's plot area (category charts grow with their categories). */
export const CHART_PLOT_HEIGHT = 280;

/** Font size of chart text, in pixels. */
export const FONT_SIZE = 14;
/** Height of one legend row. */
export const LEGEND_ROW = 22;
/** Height of one note row. */
export const NOTE_ROW = 20;

/** Where the parts of a chart go; the page uses `height` to reserve the image's space. */
export interface ChartLayout {
  readonly legendRows: readonly (readonly LegendItem[])[];
  readonly legendHeight: number;
  readonly notes: readonly string[];
  readonly plotHeight: number;
  readonly width: number;
  readonly height: number;
}

/** The layout of a chart: legend rows, plot height and notes below it. */
export function chartLayout(model: ChartModel, lang: PortalLanguage, minCell: number): ChartLayout {
  const words = PORTAL_TEXT[lang];
  const legendRows = layoutLegend(model.series.length > 1 ? model.series.map((s) => s.label) : []);
  const legendHeight = legendRows.length > 0 ? legendRows.length * LEGEND_ROW + 6 : 0;
  const notes: string[] = [];
  if (model.points.some((p) => p.value === null)) notes.push(words.chartGapsNote(minCell));
  if (
    model.axis === 'time' &&
    model.kind === 'line' &&
    model.points.some((p) => p.status === 'p')
  ) {
    notes.push(words.chartPartialNote);
  }
  if (model.omittedCategories > 0) notes.push(words.chartOmitted(model.omittedCategories));
  const plotHeight =
    model.points.length === 0
      ? 80
      : model.axis === 'category'
        ? Math.max(120, model.points.length * 26 + 70)
        : CHART_PLOT_HEIGHT;
  const height = legendHeight + plotHeight + notes.length * NOTE_ROW + 4;
  return { legendRows, legendHeight, notes, plotHeight, width: CHART_WIDTH, height };
}

/** A legend entry: its left edge and its label. */
export interface LegendItem {
  readonly x: number;
  readonly label: string;
}

/** Places legend entries left to right, wrapping rows (text width estimated from its length). */
function layoutLegend(labels: readonly string[]): LegendItem[][] {
  const rows: LegendItem[][] = [];
  let row: LegendItem[] = [];
  let x = 4;
  for (const label of labels) {
    const width = 17 + Math.ceil(label.length * FONT_SIZE * 0.58) + 16;
    if (row.length > 0 && x + width > CHART_WIDTH) {
      rows.push(row);
      row = [];
      x = 4;
    }
    row.push({ x, label });
    x += width;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

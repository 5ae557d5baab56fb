import * as Plot from '@observablehq/plot';
import { DOMParser } from 'linkedom';
import type { ChartText } from './chart-description.js';
import {
  CHART_PLOT_HEIGHT,
  CHART_WIDTH,
  chartLayout,
  FONT_SIZE,
  LEGEND_ROW,
  NOTE_ROW,
} from './chart-layout.js';
import type { ChartModel, ChartPoint } from './chart-model.js';
import { CHART_INK, CHART_PRIMARY, seriesColor } from './chart-palette.js';
import { formatPeriodTick, formatValue, periodDate } from './format-value.js';
import type { PortalLanguage } from './portal-language.js';
import { PORTAL_TEXT } from './portal-text.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Options of {@link renderChartSvg}. */
export interface RenderChartOptions {
  readonly lang: PortalLanguage;
  /** The indicator's minimum cell size (for the note on gaps). */
  readonly minCell: number;
  /** Prefix of the ids of `<title>` and `<desc>` (unique when several charts share a page). */
  readonly idPrefix?: string;
}

/**
 * Renders a chart model as a standalone SVG document (with the XML namespace) using Observable
 * Plot on a linkedom document. The SVG carries `role="img"`, a `<title>` and a `<desc>` (the text
 * alternative), a legend when there are several series, and a note when values are suppressed
 * (drawn as gaps, never as zero) or partial.
 */
export function renderChartSvg(
  model: ChartModel,
  text: ChartText,
  options: RenderChartOptions,
): string {
  const document = new DOMParser().parseFromString(
    `<svg xmlns="${SVG_NS}"></svg>`,
    'image/svg+xml',
  ) as unknown as Document;
  const words = PORTAL_TEXT[options.lang];
  const prefix = options.idPrefix ?? 'chart';
  const colorOf = new Map(model.series.map((s, i) => [s.key, seriesColor(i)]));
  const layout = chartLayout(model, options.lang, options.minCell);
  const { legendRows, legendHeight, notes, plotHeight, height } = layout;

  const plot =
    model.points.length === 0
      ? undefined
      : model.axis === 'category'
        ? categoryPlot(document, model, options.lang, words.suppressed, plotHeight)
        : model.kind === 'line'
          ? linePlot(document, model, options.lang, colorOf)
          : barPlot(document, model, options.lang, colorOf);

  const svg = document.documentElement as unknown as SVGSVGElement;
  const attrs: Record<string, string> = {
    xmlns: SVG_NS,
    viewBox: `0 0 ${CHART_WIDTH} ${height}`,
    width: String(CHART_WIDTH),
    height: String(height),
    role: 'img',
    'aria-labelledby': `${prefix}-title ${prefix}-desc`,
    'font-family': 'system-ui, sans-serif',
    'font-size': String(FONT_SIZE),
    color: CHART_INK,
    fill: CHART_INK,
  };
  for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
  const add = (
    parent: Element,
    name: string,
    attributes: Record<string, string>,
    content?: string,
  ) => {
    const el = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    if (content !== undefined) el.textContent = content;
    parent.appendChild(el);
    return el;
  };
  add(svg, 'title', { id: `${prefix}-title` }, text.title);
  add(svg, 'desc', { id: `${prefix}-desc` }, text.description);
  add(svg, 'rect', { width: '100%', height: '100%', fill: '#ffffff' });

  if (legendRows.length > 0) {
    const g = add(svg, 'g', { 'aria-hidden': 'true' });
    let i = 0;
    legendRows.forEach((row, r) => {
      for (const item of row) {
        const y = 4 + r * LEGEND_ROW;
        add(g, 'rect', {
          x: String(item.x),
          y: String(y + 3),
          width: '12',
          height: '12',
          fill: seriesColor(i),
        });
        add(g, 'text', { x: String(item.x + 17), y: String(y + 14) }, item.label);
        i++;
      }
    });
  }

  if (plot) {
    plot.setAttribute('y', String(legendHeight));
    plot.setAttribute('aria-hidden', 'true');
    plot.removeAttribute('aria-label');
    svg.appendChild(plot);
  } else {
    add(
      svg,
      'text',
      { x: String(CHART_WIDTH / 2), y: String(legendHeight + 44), 'text-anchor': 'middle' },
      words.chartNoData,
    );
  }
  notes.forEach((note, i) => {
    add(
      svg,
      'text',
      { x: '4', y: String(legendHeight + plotHeight + (i + 1) * NOTE_ROW - 4), 'font-size': '12' },
      note,
    );
  });
  return svg.outerHTML;
}

function yScale(model: ChartModel, lang: PortalLanguage): Plot.ScaleOptions {
  const domain =
    model.kind === 'stacked_bar'
      ? undefined
      : model.unit === 'score'
        ? [0, 1]
        : model.unit === 'percent'
          ? [0, 100]
          : undefined;
  return {
    grid: true,
    zero: true,
    label: model.measureLabel,
    tickFormat: (v: number) => formatValue(v, model.unit, lang),
    ...(domain ? { domain } : {}),
  };
}

const baseOptions = (document: Document) => ({
  document,
  width: CHART_WIDTH,
  height: CHART_PLOT_HEIGHT,
  marginLeft: 64,
  marginTop: 28,
  marginRight: 20,
  style: { fontSize: `${FONT_SIZE}px`, color: CHART_INK, background: '#ffffff' },
});

interface Datum {
  readonly date: Date;
  readonly x: string;
  readonly y: number;
  readonly series: string;
  readonly partial: boolean;
}

const toData = (points: readonly ChartPoint[]): Datum[] =>
  points.map((p) => ({
    date: periodDate(p.x),
    x: p.x,
    y: p.value ?? Number.NaN,
    series: p.series,
    partial: p.status === 'p',
  }));

function colorScale(model: ChartModel, colorOf: Map<string, string>): Plot.ScaleOptions {
  return {
    type: 'ordinal',
    domain: model.series.map((s) => s.key),
    range: model.series.map((s) => colorOf.get(s.key) ?? CHART_PRIMARY),
  };
}

function linePlot(
  document: Document,
  model: ChartModel,
  lang: PortalLanguage,
  colorOf: Map<string, string>,
): SVGSVGElement {
  const data = toData(model.points);
  const valued = data.filter((d) => !Number.isNaN(d.y));
  return Plot.plot({
    ...baseOptions(document),
    x: {
      type: 'utc',
      inset: 12,
      label: null,
      ticks: Math.min(6, model.periods.length),
      tickFormat: (d: Date) => formatPeriodTick(d, lang),
    },
    y: yScale(model, lang),
    color: colorScale(model, colorOf),
    marks: [
      Plot.lineY(data, { x: 'date', y: 'y', z: 'series', stroke: 'series', strokeWidth: 2.5 }),
      Plot.dot(
        valued.filter((d) => !d.partial),
        { x: 'date', y: 'y', fill: 'series', r: 3.5 },
      ),
      Plot.dot(
        valued.filter((d) => d.partial),
        { x: 'date', y: 'y', stroke: 'series', fill: '#ffffff', strokeWidth: 2, r: 4.5 },
      ),
    ],
  }) as unknown as SVGSVGElement;
}

function barPlot(
  document: Document,
  model: ChartModel,
  lang: PortalLanguage,
  colorOf: Map<string, string>,
): SVGSVGElement {
  const data = toData(model.points).filter((d) => !Number.isNaN(d.y));
  const step = Math.max(1, Math.ceil(model.periods.length / 8));
  return Plot.plot({
    ...baseOptions(document),
    x: {
      type: 'band',
      domain: model.periods,
      label: null,
      padding: 0.15,
      ticks: model.periods.filter((_, i) => (model.periods.length - 1 - i) % step === 0),
      tickFormat: (p: string) => formatPeriodTick(periodDate(p), lang),
    },
    y: yScale(model, lang),
    color: colorScale(model, colorOf),
    marks: [
      Plot.barY(data, {
        x: 'x',
        y: 'y',
        fill: 'series',
        order: model.series.map((s) => s.key),
        stroke: '#ffffff',
        strokeWidth: model.series.length > 1 ? 0.75 : 0,
      }),
      Plot.ruleY([0]),
    ],
  }) as unknown as SVGSVGElement;
}

const MAX_LABEL = 30;
const shorten = (label: string) =>
  label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;

function categoryPlot(
  document: Document,
  model: ChartModel,
  lang: PortalLanguage,
  suppressedWord: string,
  height: number,
): SVGSVGElement {
  const rows = model.points.map((p) => ({
    label: shorten(p.xLabel),
    value: p.value,
    partial: p.status === 'p',
  }));
  const valued = rows.filter((r): r is typeof r & { value: number } => r.value !== null);
  const gaps = rows.filter((r) => r.value === null);
  const longest = Math.max(...rows.map((r) => r.label.length), 4);
  const xDomain =
    model.unit === 'percent'
      ? [0, 100]
      : model.unit === 'score'
        ? [0, 1]
        : [0, Math.max(...valued.map((r) => r.value), 1) * 1.15];
  const fmt = (v: number) => formatValue(v, model.unit, lang);
  return Plot.plot({
    ...baseOptions(document),
    height,
    marginBottom: 48,
    marginLeft: Math.min(260, Math.ceil(longest * FONT_SIZE * 0.56) + 16),
    marginRight: 64,
    x: {
      grid: true,
      label: model.measureLabel,
      domain: xDomain,
      tickFormat: fmt,
      ticks: 5,
      labelAnchor: 'center',
      labelOffset: 40,
    },
    y: { domain: rows.map((r) => r.label), label: null, tickSize: 0, padding: 0.25 },
    marks: [
      model.kind === 'dot'
        ? Plot.dot(valued, { y: 'label', x: 'value', fill: CHART_PRIMARY, r: 5 })
        : Plot.barX(valued, { y: 'label', x: 'value', fill: CHART_PRIMARY }),
      Plot.text(valued, {
        y: 'label',
        x: 'value',
        text: (r: { value: number }) => fmt(r.value),
        textAnchor: 'start',
        dx: 6,
      }),
      Plot.text(gaps, {
        y: 'label',
        x: () => 0,
        text: () => `— ${suppressedWord}`,
        textAnchor: 'start',
        dx: 6,
        fontStyle: 'italic',
      }),
      Plot.ruleX([0]),
    ],
  }) as unknown as SVGSVGElement;
}

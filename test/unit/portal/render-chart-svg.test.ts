import { DOMParser } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DimensionRegistry } from '../../../functions/indicators/dimension-registry.js';
import { chartText } from '../../../functions/portal/chart-description.js';
import { chartLayout } from '../../../functions/portal/chart-layout.js';
import { chartModel } from '../../../functions/portal/chart-model.js';
import { dimensionLabels } from '../../../functions/portal/dimension-labels.js';
import { renderChartSvg } from '../../../functions/portal/render-chart-svg.js';
import { NO_FILTERS, type RowFilters } from '../../../functions/portal/row-filters.js';
import type { IndicatorDocument } from '../../../functions/publish/indicator-document.js';
import { addMonths } from '../../../functions/shared/period.js';
import { row, testIndicator } from './chart-builders.js';
import {
  FIXTURE_LAST_PERIOD,
  FIXTURE_SERVICE_LABELS,
  fixtureDocuments,
  SUPPRESSED_REGION,
} from './portal-fixtures.js';

let registry: DimensionRegistry;
let documents: IndicatorDocument[];

beforeAll(async () => {
  ({ registry, documents } = await fixtureDocuments());
});

const render = (
  document: Pick<IndicatorDocument, 'indicator' | 'data'>,
  filters: RowFilters = NO_FILTERS,
  lang: 'pt-BR' | 'en' = 'pt-BR',
) => {
  const labels = dimensionLabels(registry, lang, FIXTURE_SERVICE_LABELS);
  const model = chartModel(document, filters, labels, lang);
  const text = chartText(document.indicator, model, filters, labels, lang);
  const svg = renderChartSvg(model, text, { lang, minCell: document.indicator.minCell });
  const root = new DOMParser().parseFromString(svg, 'image/svg+xml')
    .documentElement as unknown as Element;
  return { model, text, svg, root };
};

const byId = (id: string) => documents.find((d) => d.indicator.id === id) as IndicatorDocument;

describe('renderChartSvg', () => {
  it('renders every indicator as a standalone SVG with a title and description', () => {
    expect(documents.length).toBeGreaterThanOrEqual(12);
    for (const document of documents) {
      const { svg, root, text, model } = render(document);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(root.tagName.toLowerCase()).toBe('svg');
      expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
      expect(root.getAttribute('role')).toBe('img');
      const [titleId, descId] = (root.getAttribute('aria-labelledby') ?? '').split(' ');
      const title = root.querySelector('title');
      const desc = root.querySelector('desc');
      expect(title?.getAttribute('id')).toBe(titleId);
      expect(desc?.getAttribute('id')).toBe(descId);
      expect(title?.textContent).toBe(text.title);
      expect(desc?.textContent?.length).toBeGreaterThan(20);
      expect(model.points.length, document.indicator.id).toBeGreaterThan(0);
      // The declared height is the one the page reserves for the image.
      const layout = chartLayout(model, 'pt-BR', document.indicator.minCell);
      expect(root.getAttribute('height')).toBe(String(layout.height));
      expect(root.getAttribute('viewBox')).toBe(`0 0 ${layout.width} ${layout.height}`);
      // No script, no external reference.
      expect(svg).not.toMatch(/<script|href=|url\(/i);
    }
  });

  it('escapes text (titles, labels) as XML', () => {
    const document = {
      indicator: testIndicator(),
      data: [row('2025-01', 0.5), row('2025-02', 0.6)],
    };
    const { svg, root } = render(document);
    expect(svg).toContain('Satisfação &amp; &lt;teste&gt;');
    expect(root.querySelector('title')?.textContent).toBe('Satisfação & <teste>');
  });

  it('leaves a suppressed point of a line as a gap, never as zero', () => {
    const document = {
      indicator: testIndicator(),
      data: [row('2025-01', 0.5), row('2025-02', null), row('2025-03', 0.7), row('2025-04', 0.8)],
    };
    const { model, root, text } = render(document);
    expect(model.points.map((p) => p.value)).toEqual([0.5, null, 0.7, 0.8]);
    const line = root.querySelector('g[aria-label="line"] path');
    const d = line?.getAttribute('d') ?? '';
    // Two sub-paths: the line stops before the gap and starts again after it.
    expect(d.match(/M/g)?.length).toBe(2);
    const dots = root.querySelectorAll('g[aria-label="dot"] circle');
    expect(dots.length).toBe(3);
    // The y of a zero value would be the bottom of the plot; no dot sits there.
    const ys = Array.from(dots).map((c) => Number(c.getAttribute('cy')));
    const zeroTick = Array.from(
      root.querySelectorAll('g[aria-label="y-axis tick label"] text'),
    ).find((t) => t.textContent === '0,00');
    const zeroY = Number(
      /translate\([\d.]+,([\d.]+)\)/.exec(zeroTick?.getAttribute('transform') ?? '')?.[1],
    );
    expect(Number.isFinite(zeroY)).toBe(true);
    for (const y of ys) expect(Math.abs(y - zeroY)).toBeGreaterThan(10);
    expect(text.description).toContain('1 valor suprimido (menos de 10 respostas)');
    expect(root.textContent).toContain('Lacunas: suprimido (menos de 10 respostas)');
  });

  it('leaves suppressed segments out of stacked bars', () => {
    const indicator = testIndicator({
      chart: 'stacked_bar',
      unit: 'count',
      breakdowns: [['channel'], []],
    });
    indicator.measures[0] = {
      name: 'value',
      label: { 'pt-BR': 'Avaliações', en: 'Ratings' },
      unit: 'count',
    };
    const data = [
      row('2025-01', 30, { channel: 'web' }),
      row('2025-01', 20, { channel: 'app' }),
      row('2025-02', null, { channel: 'web' }),
      row('2025-02', 25, { channel: 'app' }),
    ];
    const { model, root } = render({ indicator, data });
    expect(model.series.map((s) => s.key)).toEqual(['web', 'app']);
    const bars = root.querySelectorAll('g[aria-label="bar"] rect');
    expect(bars.length).toBe(3);
    const heights = Array.from(bars).map((r) => Number(r.getAttribute('height')));
    expect(Math.min(...heights)).toBeGreaterThan(0);
    // The legend names both series.
    expect(root.textContent).toContain('Portal web');
    expect(root.textContent).toContain('Aplicativo');
  });

  it('marks a suppressed category of a bar chart instead of drawing a zero bar', () => {
    const indicator = testIndicator({
      chart: 'bar',
      unit: 'percent',
      breakdowns: [['region'], []],
    });
    indicator.measures[0] = {
      name: 'value',
      label: { 'pt-BR': 'Parte (%)', en: 'Share (%)' },
      unit: 'percent',
    };
    const data = [
      row('2025-01', 80, { region: 'leste' }),
      row('2025-01', null, { region: 'norte' }),
      row('2025-01', 60, { region: 'oeste' }),
    ];
    const { model, root } = render({ indicator, data });
    expect(model.axis).toBe('category');
    expect(model.points.map((p) => [p.x, p.value])).toEqual([
      ['leste', 80],
      ['oeste', 60],
      ['norte', null],
    ]);
    expect(root.querySelectorAll('g[aria-label="bar"] rect').length).toBe(2);
    expect(root.textContent).toContain('— suprimido');
  });

  it('draws the filtered region of the fixtures with its suppressed month as a gap', () => {
    const document = byId('user-satisfaction');
    const filters = { dimensions: { region: [SUPPRESSED_REGION] } };
    const { model, text } = render(document, filters);
    const gap = model.points.find((p) => p.x === addMonths(FIXTURE_LAST_PERIOD, -1));
    expect(gap?.value).toBeNull();
    expect(model.points.filter((p) => p.value === 0)).toEqual([]);
    expect(text.title).toBe('Satisfação dos usuários com os serviços — Regional: Norte');
    const city = render(document).model;
    expect(model.points.map((p) => p.value)).not.toEqual(city.points.map((p) => p.value));
  });

  it('has nothing to draw for a combination that is not a declared breakdown', () => {
    const document = byId('user-satisfaction');
    const { model, root } = render(document, {
      dimensions: { region: ['leste'], channel: ['web'] },
    });
    expect(model.points).toEqual([]);
    expect(root.textContent).toContain('Sem dados para esta seleção.');
  });

  it('splits a line by a dimension given several values', () => {
    const document = byId('user-satisfaction');
    const { model, root } = render(document, { dimensions: { region: ['leste', 'oeste'] } }, 'en');
    expect(model.series.map((s) => s.label)).toEqual(['Leste', 'Oeste']);
    expect(root.querySelector('title')?.textContent).toContain('Region: Leste, Oeste');
  });

  it('honours the period range', () => {
    const document = byId('wifi-reach');
    const from = addMonths(FIXTURE_LAST_PERIOD, -2);
    const { model } = render(document, { from, to: FIXTURE_LAST_PERIOD, dimensions: {} });
    expect(model.periods).toEqual([from, addMonths(from, 1), FIXTURE_LAST_PERIOD]);
  });

  it('writes the English text in English', () => {
    const { text, root } = render(byId('wifi-hotspots'), NO_FILTERS, 'en');
    expect(text.title).toBe('Active public Wi-Fi hotspots');
    expect(text.description).toMatch(/^Active hotspots\. From [\d,]+ in \w{3} 20\d\d to/);
    expect(root.textContent).toMatch(/Jan 25/);
  });
});

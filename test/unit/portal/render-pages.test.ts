import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DimensionRegistry } from '../../../functions/indicators/dimension-registry.js';
import { dimensionLabels } from '../../../functions/portal/dimension-labels.js';
import type { PortalLanguage } from '../../../functions/portal/portal-language.js';
import type { PageFilters } from '../../../functions/portal/portal-urls.js';
import { renderPortalPage } from '../../../functions/portal/render-portal-page.js';
import {
  renderConfirmationPage,
  renderRatingPage,
} from '../../../functions/portal/render-rating-page.js';
import { periodsOf } from '../../../functions/portal/select-rows.js';
import type { IndicatorDocument } from '../../../functions/publish/indicator-document.js';
import { generateServiceCatalogue } from '../../../functions/seed/generate-services.js';
import { addMonths } from '../../../functions/shared/period.js';
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

function page(lang: PortalLanguage, filters: PageFilters = {}) {
  const text = renderPortalPage({
    lang,
    filters,
    entries: documents.map((document) => ({
      document,
      manifest: { computedAt: '2025-06-20T12:00:00.000Z' },
    })),
    labels: dimensionLabels(registry, lang, FIXTURE_SERVICE_LABELS),
    timezone: 'America/Sao_Paulo',
    regions: Object.keys(registry.dimensions.region?.values ?? {}),
    periods: [...new Set(documents.flatMap((d) => periodsOf(d.data)))].sort(),
  });
  return { text, document: parseHTML(text).document };
}

/** Markup a strict CSP would block: inline styles, inline scripts, event handler attributes. */
function cspViolations(text: string): string[] {
  const out: string[] = [];
  if (/\sstyle=/i.test(text)) out.push('style attribute');
  if (/<style/i.test(text)) out.push('style element');
  if (/<script(?![^>]*\ssrc=)/i.test(text)) out.push('inline script');
  if (/\son[a-z]+=/i.test(text)) out.push('event handler');
  if (/(src|href)="(https?:)?\/\//i.test(text)) out.push('third-party resource');
  return out;
}

describe('renderPortalPage', () => {
  it('shows every indicator as a card with a value, a chart and its downloads', () => {
    const { text, document } = page('pt-BR');
    expect(text.startsWith('<!doctype html><html lang="pt-BR">')).toBe(true);
    expect(cspViolations(text)).toEqual([]);
    const cards = document.querySelectorAll('article.card');
    expect(cards.length).toBe(documents.length);
    for (const card of Array.from(cards)) {
      const id = card.getAttribute('id');
      expect(card.querySelector('h3')?.textContent?.length, id ?? '').toBeGreaterThan(5);
      expect(card.querySelector('.value')?.textContent).toMatch(/\d/);
      const img = card.querySelector('figure.chart img');
      expect(img?.getAttribute('src')).toBe(`/v1/indicators/${id}/chart.svg?lang=pt-BR`);
      expect(img?.getAttribute('alt')).toMatch(/^Gráfico: /);
      expect(Number(img?.getAttribute('height'))).toBeGreaterThan(100);
      expect(card.querySelector('figcaption')?.textContent?.length).toBeGreaterThan(30);
      const links = Array.from(card.querySelectorAll('a')).map((a) => a.getAttribute('href'));
      expect(links).toContain(`/v1/indicators/${id}.csv`);
      expect(links).toContain(`/v1/indicators/${id}`);
      expect(links).toContain(`/embed/${id}`);
      expect(card.querySelector('time')?.getAttribute('datetime')).toBe('2025-06-20T12:00:00.000Z');
      expect(card.textContent).toContain('Como este número foi calculado');
    }
    const themes = Array.from(document.querySelectorAll('section h2')).map((h) => h.textContent);
    expect(themes).toEqual([
      'Serviços e satisfação',
      'Wi-Fi público',
      'Equipamentos doados',
      'Telecentros',
      'Capacitação digital',
    ]);
  });

  it('shows the receipt: SQL hash, inputs and code version', () => {
    const { document } = page('en');
    const card = document.getElementById('wifi-reach');
    const source = documents.find((d) => d.indicator.id === 'wifi-reach') as IndicatorDocument;
    expect(card?.textContent).toContain(source.receipt.sqlSha256);
    expect(card?.textContent).toContain(source.receipt.inputs[0]?.key ?? '?');
    expect(card?.textContent).toContain('test-0.1.0');
    expect(card?.textContent).toContain('How was this computed');
  });

  it('switches every title to English and sets <html lang="en">', () => {
    const pt = page('pt-BR').document;
    const { text, document } = page('en');
    expect(text).toContain('<html lang="en">');
    const titles = Array.from(document.querySelectorAll('article h3')).map((h) => h.textContent);
    const ptTitles = Array.from(pt.querySelectorAll('article h3')).map((h) => h.textContent);
    expect(titles).toContain('User satisfaction with services');
    for (const [i, title] of titles.entries()) expect(title).not.toBe(ptTitles[i]);
    expect(document.getElementById('lang-switch')?.getAttribute('href')).toBe('/');
    expect(pt.getElementById('lang-switch')?.getAttribute('href')).toBe('/?lang=en');
  });

  it('shows a suppressed headline as a gap with the minimum cell note, never zero', () => {
    const { document } = page('pt-BR', { region: SUPPRESSED_REGION });
    const card = document.getElementById('user-satisfaction');
    const value = card?.querySelector('.value');
    expect(value?.textContent).toBe('—suprimido');
    expect(card?.querySelector('.headline')?.textContent).toContain(
      // The last complete month of the fixtures.
      'maio de 2025',
    );
    expect(card?.textContent).toContain('menos de 10 respostas');
    const img = card?.querySelector('img');
    expect(img?.getAttribute('src')).toBe(
      '/v1/indicators/user-satisfaction/chart.svg?lang=pt-BR&region=norte',
    );
    // The chart's table shows the month as a gap too.
    const gapRow = Array.from(card?.querySelectorAll('tbody tr') ?? []).find((tr) =>
      tr.querySelector('th')?.textContent?.startsWith('mai.'),
    );
    expect(gapRow?.querySelector('td.gap')?.textContent).toBe('—suprimido');
    expect(addMonths(FIXTURE_LAST_PERIOD, -1)).toBe('2025-05');
  });

  it('applies the region filter where it can and says so where it cannot', () => {
    const { document } = page('pt-BR', { region: 'leste', from: '2025-01', to: '2025-04' });
    const wifi = document.getElementById('wifi-reach');
    expect(wifi?.querySelector('img')?.getAttribute('src')).toBe(
      '/v1/indicators/wifi-reach/chart.svg?lang=pt-BR&from=2025-01&to=2025-04&region=leste',
    );
    expect(wifi?.querySelector('.headline')?.textContent).toContain('abril de 2025');
    expect(wifi?.querySelector('.context')?.textContent).toBe(
      'Regional: Leste · jan. de 2025 – abr. de 2025',
    );
    const completion = document.getElementById('completion-rate');
    expect(completion?.querySelector('img')?.getAttribute('src')).toBe(
      '/v1/indicators/completion-rate/chart.svg?lang=pt-BR&from=2025-01&to=2025-04',
    );
    expect(completion?.querySelector('.scope')?.textContent).toContain(
      'não tem recorte por regional',
    );
    expect(document.querySelector('#f-region option[selected]')?.getAttribute('value')).toBe(
      'leste',
    );
  });

  it('lists the latest period of each breakdown, largest first, with a link to the full CSV', () => {
    const { document } = page('pt-BR');
    const card = document.getElementById('wifi-hotspots');
    const tables = Array.from(card?.querySelectorAll('details.data table') ?? []);
    // The chart's own table, then one per breakdown except the total.
    expect(tables.length).toBe(4);
    const byRegion = tables.find((t) =>
      t.querySelector('caption')?.textContent?.includes('por regional,'),
    );
    const cells = byRegion?.querySelectorAll('tbody td.num:nth-last-child(2)');
    const values = Array.from(cells ?? []).map((td) =>
      Number((td.textContent ?? '').replace(/\./g, '')),
    );
    expect(values.length).toBeGreaterThan(3);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(card?.querySelector('details.data a')?.getAttribute('href')).toBe(
      '/v1/indicators/wifi-hotspots.csv',
    );
  });
});

describe('renderRatingPage', () => {
  const services = generateServiceCatalogue(7).map((s) => s.row);

  it('offers the whole catalogue grouped by category, the honeypot hidden, the key in the form', () => {
    const labels = dimensionLabels(
      {
        special_values: { _T: { 'pt-BR': 'T', en: 'T' }, _U: { 'pt-BR': 'U', en: 'U' } },
        dimensions: {},
      },
      'pt-BR',
    );
    const text = renderRatingPage({ lang: 'pt-BR', services, labels, idempotencyKey: 'key-1' });
    expect(cspViolations(text)).toEqual([]);
    const { document } = parseHTML(text);
    expect(document.querySelectorAll('#f-serviceId option[value^="svc-"]').length).toBe(1400);
    expect(document.querySelectorAll('#f-serviceId optgroup').length).toBe(
      new Set(services.map((s) => s.category)).size,
    );
    const form = document.querySelector('form[data-enhance="rating"]');
    expect(form?.getAttribute('method')).toBe('post');
    expect(form?.getAttribute('action')).toBe('/avaliar');
    expect(form?.querySelector('input[name="idempotencyKey"]')?.getAttribute('value')).toBe(
      'key-1',
    );
    const honeypot = document.querySelector('input[name="website"]');
    expect(honeypot?.getAttribute('tabindex')).toBe('-1');
    expect(honeypot?.closest('[aria-hidden="true"]')?.className).toBe('hp');
    expect(document.querySelector('a[href="/privacidade"]')).not.toBeNull();
    expect(document.querySelectorAll('input[name="rating"]').length).toBe(5);
    expect(text).toMatch(/<template id="rating-done">.*data-slot="receipt".*<\/template>/s);
    expect(text.length).toBeLessThan(160_000);
  });

  it('shows the receipt and how to erase the rating', () => {
    const text = renderConfirmationPage('en', { id: 'abc234', receipt: 'R3ce1pt_-x' });
    const { document } = parseHTML(text);
    expect(document.querySelector('code.receipt')?.textContent).toBe('R3ce1pt_-x');
    expect(document.querySelector('pre')?.textContent).toBe(
      'curl -X DELETE /v1/feedback/abc234 \\\n  -H "Authorization: Bearer R3ce1pt_-x"',
    );
    expect(cspViolations(text)).toEqual([]);
  });
});

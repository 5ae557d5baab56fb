import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTAL_ASSETS } from '../../functions/portal/static-assets.js';
import { axeViolations } from './axe-violations.js';
import { launchChromium, skipBrowserTests } from './chromium.js';
import { type PortalTestServer, startPortalTestServer } from './portal-test-server.js';

const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
/** The first load of `/` (HTML, CSS, JS; charts excluded) must stay under this. */
const PAGE_BUDGET_BYTES = 150 * 1024;

let server: PortalTestServer;
let browser: Browser;

/** A page that records console errors, page errors, failed and third-party requests. */
async function openPage(context: BrowserContext) {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.baseUrl) && !r.url().startsWith('data:')) {
      problems.push(`third-party request: ${r.url()}`);
    }
  });
  return { page, problems };
}

/** Scrolls every chart into view (they load lazily) and waits until each image has loaded. */
async function loadAllCharts(page: Page): Promise<void> {
  for (const img of await page.locator('figure.chart img').all()) {
    await img.scrollIntoViewIfNeeded();
  }
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll<HTMLImageElement>('figure.chart img')).every(
      (i) => i.complete && i.naturalWidth > 0,
    ),
  );
}

async function fillRating(page: Page): Promise<void> {
  await page.selectOption('#f-serviceId', 'svc-0002');
  await page.check('input[name="rating"][value="4"]');
  await page.check('input[name="outcome"][value="completed"]');
  await page.check('input[name="channel"][value="telecentro"]');
  await page.selectOption('#f-region', 'barreiro');
  await page.fill('#f-comment', 'Consegui emitir no telecentro.');
}

describe.skipIf(skipBrowserTests())('the portal in Chromium', () => {
  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startPortalTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads without console errors, every card with a value and an SVG chart', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    const svgResponses: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/chart.svg')) svgResponses.push(r.headers()['content-type'] ?? '');
    });
    await page.goto(`${server.baseUrl}/`);
    const cards = page.locator('article.card');
    expect(await cards.count()).toBe(server.indicatorIds.length);
    await loadAllCharts(page);
    for (const card of await cards.all()) {
      await expect.poll(() => card.locator('.value').textContent()).toMatch(/\d/);
      expect(await card.locator('figure.chart img').count()).toBe(1);
    }
    expect(svgResponses.length).toBe(server.indicatorIds.length);
    expect(new Set(svgResponses)).toEqual(new Set(['image/svg+xml; charset=utf-8']));
    // Each chart is well-formed XML (Chromium's parser) with its title and description. Parsed
    // in a blank page: the portal's CSP would (rightly) refuse the SVG's inline styles there.
    const sources = await page
      .locator('figure.chart img')
      .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
    const texts = await Promise.all(sources.map(async (src) => (await fetch(src)).text()));
    const blank = await context.newPage();
    const parsed = await blank.evaluate((svgs) => {
      const out: number[] = [];
      svgs.forEach((text, i) => {
        const svg = new DOMParser().parseFromString(text, 'image/svg+xml');
        const ok =
          !svg.querySelector('parsererror') &&
          svg.documentElement.namespaceURI === 'http://www.w3.org/2000/svg' &&
          (svg.querySelector('title')?.textContent ?? '').length > 0 &&
          (svg.querySelector('desc')?.textContent ?? '').length > 0;
        if (!ok) out.push(i);
      });
      return out;
    }, texts);
    await blank.close();
    expect(parsed).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'portal-desktop.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'portal-desktop-full.png'), fullPage: true });
    await page.setViewportSize({ width: 800, height: 1280 });
    await page.screenshot({ path: join(ARTIFACTS, 'portal-tablet.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'portal-tablet-full.png'), fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the first load within 150 KB (HTML, CSS, JS) with no third-party request', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await openPage(context);
    const loads: { url: string; type: string; bytes: number }[] = [];
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes();
      loads.push({
        url: request.url(),
        type: request.resourceType(),
        bytes: sizes.responseBodySize + sizes.responseHeadersSize,
      });
    });
    await page.goto(`${server.baseUrl}/`, { waitUntil: 'networkidle' });
    const counted = loads.filter((l) => ['document', 'stylesheet', 'script'].includes(l.type));
    const total = counted.reduce((sum, l) => sum + l.bytes, 0);
    const charts = loads.filter((l) => l.type === 'image').reduce((sum, l) => sum + l.bytes, 0);
    const html = await (await fetch(`${server.baseUrl}/`)).text();
    const gzipped =
      gzipSync(html).length +
      gzipSync(await (await fetch(server.baseUrl + PORTAL_ASSETS.css.path)).text()).length +
      gzipSync(await (await fetch(server.baseUrl + PORTAL_ASSETS.js.path)).text()).length;
    const report = {
      firstLoadBytes: total,
      budgetBytes: PAGE_BUDGET_BYTES,
      gzippedHtmlCssJsBytes: gzipped,
      chartBytesLoadedAboveTheFold: charts,
      resources: counted,
    };
    await writeFile(join(ARTIFACTS, 'portal-page-weight.json'), JSON.stringify(report, null, 2));
    console.info(
      `portal first load: ${total} B uncompressed (${gzipped} B gzipped), charts ${charts} B`,
    );
    expect(counted.map((l) => l.type).sort()).toEqual(['document', 'script', 'stylesheet']);
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('switches the language: <html lang> and every title change', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${server.baseUrl}/`);
    const ptTitles = await page.locator('article.card h3').allTextContents();
    expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');
    await page.click('#lang-switch');
    await page.waitForURL(/lang=en/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const enTitles = await page.locator('article.card h3').allTextContents();
    expect(enTitles).toContain('User satisfaction with services');
    expect(enTitles).toHaveLength(ptTitles.length);
    for (const [i, title] of enTitles.entries()) expect(title).not.toBe(ptTitles[i]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('changes a chart with the region filter, without a reload when JavaScript runs', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context);
    await page.goto(`${server.baseUrl}/`);
    const img = page.locator('#user-satisfaction figure.chart img');
    const before = await img.getAttribute('src');
    const svgBefore = await (await fetch(server.baseUrl + before)).text();
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    await page.selectOption('#f-region', 'leste');
    await page.waitForURL(/region=leste/);
    await expect.poll(() => img.getAttribute('src')).toContain('region=leste');
    // Same document: the script swapped the cards in place.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    const after = (await img.getAttribute('src')) ?? '';
    const svgAfter = await (await fetch(server.baseUrl + after)).text();
    expect(svgAfter).not.toBe(svgBefore);
    expect(svgAfter).toContain('Regional: Leste');
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0))
      .toBe(true);
    expect(await page.locator('#completion-rate .scope').textContent()).toContain('regional');
    await loadAllCharts(page);
    await page.locator('#theme-wifi').evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: join(ARTIFACTS, 'portal-region-leste.png') });
    // Back returns to the whole city.
    await page.goBack();
    await expect.poll(() => img.getAttribute('src')).toBe(before);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('applies the filters with a plain GET form when JavaScript is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(context);
    await page.goto(`${server.baseUrl}/?lang=en`);
    await page.selectOption('#f-region', 'oeste');
    await page.click('.filters button[type="submit"]');
    await page.waitForURL(/region=oeste/);
    expect(page.url()).toContain('lang=en');
    expect(await page.locator('#wifi-reach figure.chart img').getAttribute('src')).toBe(
      '/v1/indicators/wifi-reach/chart.svg?lang=en&region=oeste',
    );
    await loadAllCharts(page);
    expect(await page.locator('article.card .value').count()).toBe(server.indicatorIds.length);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('submits a rating with JavaScript (JSON to /v1/feedback) and shows the receipt', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST')
        posts.push(
          `${new URL(r.url()).pathname} ${r.headers()['content-type']} ${r.headers()['idempotency-key'] ?? ''}`,
        );
    });
    await page.goto(`${server.baseUrl}/avaliar`);
    const key = await page.locator('input[name="idempotencyKey"]').inputValue();
    await fillRating(page);
    await page.click('form[data-enhance="rating"] button[type="submit"]');
    const receipt = page.locator('.confirmation code.receipt');
    await expect.poll(() => receipt.count()).toBe(1);
    expect(await receipt.textContent()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('.confirmation pre').textContent()).toMatch(
      /DELETE \/v1\/feedback\/[a-z2-7]{26}/,
    );
    expect(posts).toEqual([`/v1/feedback application/json ${key}`]);
    expect(page.url()).toBe(`${server.baseUrl}/avaliar`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('done-title');
    await page.screenshot({ path: join(ARTIFACTS, 'rating-confirmation-js.png'), fullPage: true });
    // The right to erasure, one click away: the button sends DELETE with the receipt.
    const id =
      (await page.locator('.confirmation code [data-slot="id"]').first().textContent()) ?? '';
    const token = (await receipt.textContent()) ?? '';
    await page.click('.confirmation button[data-erase]');
    await expect
      .poll(() => page.locator('.confirmation .erase-status').textContent())
      .toBe('Sua avaliação foi apagada. Ela sai dos indicadores no próximo cálculo.');
    const again = await fetch(`${server.baseUrl}/v1/feedback/${id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(404);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('submits a rating without JavaScript (form post to /avaliar) and shows the receipt', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page, problems } = await openPage(context);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST')
        posts.push(`${new URL(r.url()).pathname} ${r.headers()['content-type']}`);
    });
    await page.goto(`${server.baseUrl}/avaliar?lang=en`);
    await fillRating(page);
    await page.click('form[data-enhance="rating"] button[type="submit"]');
    await page.waitForLoadState();
    const receipt = page.locator('.confirmation code.receipt');
    await expect.poll(() => receipt.count()).toBe(1);
    expect(await receipt.textContent()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('.confirmation h2').textContent()).toBe(
      'Thank you! Your rating was recorded.',
    );
    expect(posts).toEqual(['/avaliar application/x-www-form-urlencoded']);
    await page.screenshot({
      path: join(ARTIFACTS, 'rating-confirmation-nojs.png'),
      fullPage: true,
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is keyboard navigable with a visible focus', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    await page.goto(`${server.baseUrl}/`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return {
        text: el.textContent,
        top: el.getBoundingClientRect().top,
        outline: style.outlineStyle,
        width: style.outlineWidth,
      };
    });
    expect(skip.text).toBe('Pular para o conteúdo');
    expect(skip.top).toBeGreaterThanOrEqual(0);
    expect(skip.outline).toBe('solid');
    expect(skip.width).toBe('3px');
    await page.keyboard.press('Enter');
    expect(page.url()).toContain('#main');
    // Tab reaches the filters, then a card's details, each with a visible outline.
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { tag: el.tagName, outline: getComputedStyle(el).outlineStyle, id: el.id };
      });
      expect(focus.outline, `${focus.tag}#${focus.id}`).not.toBe('none');
      seen.push(focus.tag);
    }
    expect(seen).toContain('SELECT');
    expect(seen).toContain('SUMMARY');
    await context.close();
  });

  it('has no serious or critical axe-core violations', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openPage(context);
    const report: Record<string, unknown> = {};
    for (const path of [
      '/',
      '/?lang=en&region=norte',
      '/avaliar',
      '/privacidade',
      '/embed/devices-donated',
    ]) {
      await page.goto(`${server.baseUrl}${path}`);
      const violations = await axeViolations(page);
      report[path] = violations;
      // No serious or critical violation (the requirement) — and, today, none at all.
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        path,
      ).toEqual([]);
      expect(violations, path).toEqual([]);
    }
    // The form with errors shown, and the confirmation.
    await page.goto(`${server.baseUrl}/avaliar`);
    await page.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll('[required]')))
        el.removeAttribute('required');
    });
    await page.click('form[data-enhance="rating"] button[type="submit"]');
    await expect.poll(() => page.locator('#rating-error').isVisible()).toBe(true);
    report['/avaliar (errors)'] = await axeViolations(page);
    await fillRating(page);
    await page.click('form[data-enhance="rating"] button[type="submit"]');
    await expect.poll(() => page.locator('.confirmation').count()).toBe(1);
    report['/avaliar (done)'] = await axeViolations(page);
    for (const key of ['/avaliar (errors)', '/avaliar (done)']) {
      const violations = report[key] as { impact: string }[];
      expect(
        violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
        key,
      ).toEqual([]);
    }
    await writeFile(join(ARTIFACTS, 'portal-axe.json'), JSON.stringify(report, null, 2));
    await context.close();
  });
});

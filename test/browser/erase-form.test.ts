import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASE_TEXT } from '../../functions/portal/erase-text.js';
import { axeViolations } from './axe-violations.js';
import { launchChromium, skipBrowserTests } from './chromium.js';
import { type PortalTestServer, startPortalTestServer } from './portal-test-server.js';

let server: PortalTestServer;
let browser: Browser;

/** Rates a service on the rating page (with or without the script, as the context says). */
async function rate(page: Page, lang = ''): Promise<{ id: string; receipt: string }> {
  await page.goto(`${server.baseUrl}/avaliar${lang}`);
  await page.selectOption('#f-serviceId', 'svc-0002');
  await page.check('input[name="rating"][value="3"]');
  await page.check('input[name="outcome"][value="failed"]');
  await page.check('input[name="channel"][value="telecentro"]');
  await page.click('form[data-enhance="rating"] button[type="submit"]');
  const receipt = page.locator('.confirmation code.receipt');
  await expect.poll(() => receipt.count()).toBe(1);
  return {
    id: (await page.locator('.confirmation code [data-slot="id"]').first().textContent()) ?? '',
    receipt: (await receipt.textContent()) ?? '',
  };
}

/** axe-core's serious or critical violations on the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id);
}

const apiDelete = (id: string, receipt: string) =>
  fetch(`${server.baseUrl}/v1/feedback/${id}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${receipt}` },
  });

describe.skipIf(skipBrowserTests())('the right to erasure in Chromium', () => {
  beforeAll(async () => {
    server = await startPortalTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('without JavaScript: rates, erases with the confirmation button, then the form says 404', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET') posts.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    const { id, receipt } = await rate(page, '?lang=en');
    expect(receipt).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await page.click('.confirmation form button[type="submit"]');
    await page.waitForURL(`${server.baseUrl}/avaliar/apagar?lang=en`);
    expect(await page.locator('.confirmation h2').textContent()).toBe(ERASE_TEXT.en.erasedTitle);
    expect(await page.locator('.confirmation').textContent()).toContain(id);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(posts).toEqual(['POST /avaliar', 'POST /avaliar/apagar']);
    expect((await apiDelete(id, receipt)).status).toBe(404);

    // Later, with only the receipt text kept: the erasure page, linked from the privacy notice.
    await page.goto(`${server.baseUrl}/privacidade`);
    await page.click('section[lang="pt-BR"] a[href="/avaliar/apagar"]');
    await page.waitForURL(`${server.baseUrl}/avaliar/apagar`);
    await page.fill('#erase-id', id);
    await page.fill('#erase-receipt', receipt);
    await page.click('form.erase-form button[type="submit"]');
    await page.waitForLoadState();
    expect(await page.locator('.error-summary p').textContent()).toBe(ERASE_TEXT['pt-BR'].notFound);
    expect(await page.inputValue('#erase-receipt')).toBe(receipt);

    // A malformed id: the field is named, marked and linked from the summary.
    await page.fill('#erase-id', 'not-an-id');
    await page.click('form.erase-form button[type="submit"]');
    await page.waitForLoadState();
    expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#erase-id');
    expect(await page.getAttribute('#erase-id', 'aria-invalid')).toBe('true');
    await context.close();
  });

  it('has no serious or critical axe-core violations on the erasure pages', async () => {
    // axe runs in the page, so this context has JavaScript; the pages use none of it.
    const context = await browser.newContext();
    const page = await context.newPage();
    const report: Record<string, string[]> = {};
    await page.goto(`${server.baseUrl}/avaliar/apagar?lang=en`);
    report.form = await seriousViolations(page);
    await page.fill('#erase-id', 'aaaaaaaaaaaaaaaaaaaaaaaaaa');
    await page.fill('#erase-receipt', 'b'.repeat(43));
    await page.click('form.erase-form button[type="submit"]');
    await page.waitForLoadState();
    expect(await page.locator('.error-summary p').textContent()).toBe(ERASE_TEXT.en.notFound);
    report['not found'] = await seriousViolations(page);
    await page.fill('#erase-receipt', 'too short');
    await page.click('form.erase-form button[type="submit"]');
    await page.waitForLoadState();
    expect(await page.getAttribute('#erase-receipt', 'aria-invalid')).toBe('true');
    report.invalid = await seriousViolations(page);
    await page.goto(`${server.baseUrl}/privacidade`);
    report.privacy = await seriousViolations(page);
    expect(report).toEqual({ form: [], 'not found': [], invalid: [], privacy: [] });
    await context.close();
  });

  it('with JavaScript: the button erases by DELETE, and falls back to the form when that fails', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET') requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });

    // The rating was erased elsewhere meanwhile: DELETE answers 404, so the form is posted and
    // the server's page explains.
    const { id, receipt } = await rate(page);
    expect(await page.locator('.confirmation input[name="id"]').inputValue()).toBe(id);
    expect(await page.locator('.confirmation input[name="receipt"]').inputValue()).toBe(receipt);
    expect((await apiDelete(id, receipt)).status).toBe(204);
    await page.click('.confirmation button[data-erase]');
    await page.waitForURL(`${server.baseUrl}/avaliar/apagar`);
    expect(await page.locator('.error-summary p').textContent()).toBe(ERASE_TEXT['pt-BR'].notFound);
    expect(requests).toEqual([
      'POST /v1/feedback',
      `DELETE /v1/feedback/${id}`,
      'POST /avaliar/apagar',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

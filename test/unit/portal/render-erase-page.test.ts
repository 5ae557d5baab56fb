import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { ERASE_TEXT } from '../../../functions/portal/erase-text.js';
import { renderErasedPage, renderErasePage } from '../../../functions/portal/render-erase-page.js';
import { renderConfirmationPage } from '../../../functions/portal/render-rating-page.js';

/** Markup the page's CSP would block (inline script or style, handlers, other origins). */
function blockedByCsp(text: string): string[] {
  const out: string[] = [];
  if (/\sstyle=|<style/i.test(text)) out.push('inline style');
  if (/<script(?![^>]*\ssrc=)/i.test(text)) out.push('inline script');
  if (/\son[a-z]+=/i.test(text)) out.push('event handler');
  if (/(src|href|action)="(https?:)?\/\//i.test(text)) out.push('other origin');
  return out;
}

describe('the erasure pages', () => {
  it('GET page: a labelled form posting id and receipt, in each language', () => {
    for (const [lang, action] of [
      ['pt-BR', '/avaliar/apagar'],
      ['en', '/avaliar/apagar?lang=en'],
    ] as const) {
      const text = renderErasePage(lang);
      expect(blockedByCsp(text)).toEqual([]);
      const { document } = parseHTML(text);
      expect(document.documentElement.getAttribute('lang')).toBe(lang);
      expect(document.querySelector('h1')?.textContent).toBe(ERASE_TEXT[lang].title);
      const form = document.querySelector('form.erase-form');
      expect(form?.getAttribute('method')).toBe('post');
      expect(form?.getAttribute('action')).toBe(action);
      expect(form?.hasAttribute('data-enhance')).toBe(false); // no script involved
      for (const name of ['id', 'receipt']) {
        const input = form?.querySelector(`input[name="${name}"]`);
        expect(input?.getAttribute('type')).toBe('text');
        expect(input?.hasAttribute('required')).toBe(true);
        expect(input?.getAttribute('value')).toBe('');
        const label = document.querySelector(`label[for="${input?.getAttribute('id')}"]`);
        expect(label?.textContent?.length).toBeGreaterThan(0);
        const hint = document.getElementById(input?.getAttribute('aria-describedby') ?? '');
        expect(hint?.className).toBe('hint');
      }
      expect(document.querySelector('.error-summary')).toBeNull();
      expect(document.querySelector('#lang-switch')?.getAttribute('href')).toBe(
        lang === 'en' ? '/avaliar/apagar' : '/avaliar/apagar?lang=en',
      );
    }
  });

  it('after a refused post: an error summary linking to each field, values shown again, escaped', () => {
    const text = renderErasePage('en', {
      values: { id: '"><script>alert(1)</script>', receipt: '' },
      errors: { id: 'Bad id.', receipt: 'Missing receipt.' },
      message: 'Check the fields.',
    });
    expect(blockedByCsp(text)).toEqual([]);
    expect(text).not.toContain('<script>alert');
    const { document } = parseHTML(text);
    const summary = document.querySelector('.error-summary');
    expect(summary?.getAttribute('role')).toBe('alert');
    expect(summary?.querySelector('p')?.textContent).toBe('Check the fields.');
    const links = Array.from(summary?.querySelectorAll('a') ?? []).map((a) => [
      a.getAttribute('href'),
      a.textContent,
    ]);
    expect(links).toEqual([
      ['#erase-id', 'Bad id.'],
      ['#erase-receipt', 'Missing receipt.'],
    ]);
    const id = document.getElementById('erase-id');
    expect(id?.getAttribute('value')).toBe('"><script>alert(1)</script>');
    expect(id?.getAttribute('aria-invalid')).toBe('true');
    expect(id?.getAttribute('aria-describedby')).toBe('erase-id-hint erase-id-error');
    expect(document.getElementById('erase-id-error')?.textContent).toBe('Bad id.');
  });

  it('when nothing matched: the message and what to check, no field marked', () => {
    const t = ERASE_TEXT['pt-BR'];
    const { document } = parseHTML(
      renderErasePage('pt-BR', {
        values: { id: 'a', receipt: 'b' },
        errors: {},
        message: t.notFound,
        checks: t.notFoundChecks,
      }),
    );
    const summary = document.querySelector('.error-summary');
    expect(summary?.querySelector('p')?.textContent).toBe(t.notFound);
    expect(summary?.querySelectorAll('li').length).toBe(t.notFoundChecks.length);
    expect(summary?.querySelectorAll('a').length).toBe(0);
    expect(document.querySelectorAll('[aria-invalid]').length).toBe(0);
  });

  it('after an erasure: the id, when it leaves the figures, and no receipt', () => {
    const text = renderErasedPage('en', 'abcdefghijklmnopqrstuvwxyz');
    expect(blockedByCsp(text)).toEqual([]);
    const { document } = parseHTML(text);
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.querySelector('.confirmation h2')?.textContent).toBe('Your rating was erased');
    expect(document.querySelector('.confirmation')?.textContent).toContain(
      'Rating abcdefghijklmnopqrstuvwxyz was erased',
    );
    expect(document.querySelector('form')).toBeNull();
  });

  it('the rating confirmation offers the erasure as a form with the id and receipt', () => {
    for (const [lang, action] of [
      ['pt-BR', '/avaliar/apagar'],
      ['en', '/avaliar/apagar?lang=en'],
    ] as const) {
      const text = renderConfirmationPage(lang, { id: 'abc234', receipt: 'R3ce1pt_-x' });
      expect(blockedByCsp(text)).toEqual([]);
      const { document } = parseHTML(text);
      const form = document.querySelector('.confirmation form');
      expect(form?.getAttribute('method')).toBe('post');
      expect(form?.getAttribute('action')).toBe(action);
      expect(form?.getAttribute('data-enhance')).toBe('erase');
      const fields = Array.from(form?.querySelectorAll('input') ?? []).map((i) => [
        i.getAttribute('type'),
        i.getAttribute('name'),
        i.getAttribute('value'),
      ]);
      expect(fields).toEqual([
        ['hidden', 'id', 'abc234'],
        ['hidden', 'receipt', 'R3ce1pt_-x'],
      ]);
      const button = form?.querySelector('button');
      expect(button?.getAttribute('type')).toBe('submit');
      expect(button?.hasAttribute('hidden')).toBe(false); // usable without the script
      // And the page to erase it later.
      expect(document.querySelector(`.confirmation a[href="${action}"]`)).not.toBeNull();
    }
  });
});

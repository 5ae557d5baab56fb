import { ERASE_TEXT } from './erase-text.js';
import { html, type SafeHtml } from './html.js';
import { renderPage } from './page-layout.js';
import { otherLanguage, type PortalLanguage } from './portal-language.js';
import { eraseUrl, privacyUrl, ratingUrl } from './portal-urls.js';
import { RATING_TEXT } from './rating-text.js';

/** The fields of the erasure form: the rating's id and its receipt. */
export const ERASE_FIELDS = ['id', 'receipt'] as const;

/** A field of the erasure form. */
export type EraseField = (typeof ERASE_FIELDS)[number];

/** What the erasure form shows again after a post that erased nothing. */
export interface EraseFormState {
  /** The values sent, to show them again. */
  readonly values: Partial<Record<EraseField, string>>;
  /** A message for each field that was missing or malformed. */
  readonly errors: Partial<Record<EraseField, string>>;
  /** A message about the whole form (nothing matched, unavailable, check the fields). */
  readonly message?: string | undefined;
  /** Things to check, listed under the message. */
  readonly checks?: readonly string[] | undefined;
}

/** The id of a field's input (the error summary links to it). */
const inputId = (field: EraseField) => `erase-${field}`;

/**
 * The erasure form (`POST /avaliar/apagar`, urlencoded `id` and `receipt`, no script needed):
 * labelled text inputs with their format as a hint, each field's error tied to it with
 * `aria-describedby` and `aria-invalid`, and the values sent shown again.
 */
export function renderEraseForm(lang: PortalLanguage, state?: EraseFormState): SafeHtml {
  const t = ERASE_TEXT[lang];
  const labels: Record<EraseField, { label: string; hint: string }> = {
    id: { label: t.id, hint: t.idHint },
    receipt: { label: t.receipt, hint: t.receiptHint },
  };
  const field = (name: EraseField) => {
    const id = inputId(name);
    const error = state?.errors[name];
    const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field"><label for="${id}">${labels[name].label}</label><p class="hint" id="${id}-hint">${labels[name].hint}</p>${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}<input type="text" id="${id}" name="${name}" value="${state?.values[name] ?? ''}" required autocomplete="off" autocapitalize="none" autocorrect="off" spellcheck="false" aria-describedby="${describedBy}"${error ? html` aria-invalid="true"` : ''}></div>`;
  };
  return html`<form class="form erase-form" method="post" action="${eraseUrl(lang)}">${ERASE_FIELDS.map(field)}<button type="submit">${t.submit}</button></form>`;
}

/**
 * The erasure page (`GET /avaliar/apagar`, and the answer to a post that erased nothing): what
 * to enter, an error summary (role `alert`, linking to each field in error) and the form.
 */
export function renderErasePage(lang: PortalLanguage, state?: EraseFormState): string {
  const t = ERASE_TEXT[lang];
  const wrong = ERASE_FIELDS.filter((f) => state?.errors[f]);
  const summary =
    state && (state.message || wrong.length > 0)
      ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>${t.errorTitle}</h2>${state.message ? html`<p>${state.message}</p>` : ''}${state.checks && state.checks.length > 0 ? html`<ul>${state.checks.map((c) => html`<li>${c}</li>`)}</ul>` : ''}${wrong.length > 0 ? html`<ul>${wrong.map((f) => html`<li><a href="#${inputId(f)}">${state.errors[f]}</a></li>`)}</ul>` : ''}</div>`
      : '';
  return renderPage({
    lang,
    title: t.title,
    main: html`<h1>${t.title}</h1><p class="lede">${t.intro}</p>${summary}${renderEraseForm(lang, state)}<p><a href="${privacyUrl(lang)}">${t.privacyLink}</a></p>`,
    switchHref: eraseUrl(otherLanguage(lang)),
  });
}

/** The page after an erasure: which rating was erased and when it leaves the figures. */
export function renderErasedPage(lang: PortalLanguage, id: string): string {
  const t = ERASE_TEXT[lang];
  return renderPage({
    lang,
    title: t.erasedTitle,
    main: html`<h1>${t.title}</h1><section class="confirmation" aria-labelledby="erased-title"><h2 id="erased-title">${t.erasedTitle}</h2><p>${t.erased(id)}</p><p>${t.erasedWhen}</p><p><a href="${privacyUrl(lang)}">${t.privacyLink}</a></p><p><a href="${ratingUrl(lang)}">${t.rateLink}</a></p></section>`,
    switchHref: eraseUrl(otherLanguage(lang)),
  });
}

/**
 * The one-button erasure of a rating just made (on its confirmation): the same form with the id
 * and receipt as hidden fields. It works without JavaScript; the portal script sends
 * `DELETE /v1/feedback/{id}` instead and falls back to posting the form when that fails. Without
 * a rating (the script's template) the fields are empty slots (`data-slot`) the script fills.
 */
export function renderEraseButton(
  lang: PortalLanguage,
  done?: { readonly id: string; readonly receipt: string },
): SafeHtml {
  const t = RATING_TEXT[lang];
  const hidden = (name: EraseField) =>
    html`<input type="hidden" name="${name}" value="${done ? done[name] : ''}" data-slot="${name}">`;
  return html`<form class="erase-form" method="post" action="${eraseUrl(lang)}" data-enhance="erase" data-erased="${t.erased}">${hidden('id')}${hidden('receipt')}<button type="submit" data-erase>${t.eraseButton}</button></form>`;
}

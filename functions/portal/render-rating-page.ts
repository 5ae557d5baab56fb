import {
  CHANNELS,
  COMMENT_MAX_CHARS,
  OUTCOMES,
  REASONS,
  REGIONS,
} from '../feedback/feedback-schema.js';
import type { DimensionLabels } from './dimension-labels.js';
import { formatCount } from './format-value.js';
import { html, type SafeHtml } from './html.js';
import { renderPage } from './page-layout.js';
import { otherLanguage, type PortalLanguage } from './portal-language.js';
import { eraseUrl, privacyUrl, queryString, ratingUrl } from './portal-urls.js';
import { RATING_TEXT } from './rating-text.js';
import { renderEraseButton } from './render-erase-page.js';
import type { ServiceListing } from './service-listing.js';

/** The fields of the rating form (the request body's, without the honeypot). */
export const RATING_FIELDS = [
  'serviceId',
  'rating',
  'outcome',
  'channel',
  'region',
  'reason',
  'comment',
] as const;

/** A field of the rating form. */
export type RatingField = (typeof RATING_FIELDS)[number];

/** What the form shows again after a failed post: the values sent and what was wrong. */
export interface RatingFormState {
  readonly values: Partial<Record<RatingField, string>>;
  readonly errors: Partial<Record<RatingField, string>>;
  /** A message about the whole form (too many requests, unavailable). */
  readonly message?: string | undefined;
}

/** What the rating page is rendered from. */
export interface RatingPageInput {
  readonly lang: PortalLanguage;
  readonly services: readonly ServiceListing[];
  readonly labels: DimensionLabels;
  /** A fresh key for this render (a cached key would be shared by everyone). */
  readonly idempotencyKey: string;
  readonly state?: RatingFormState | undefined;
}

/** The confirmation after a rating: the receipt and how to erase the rating. */
export interface RatingConfirmation {
  readonly id: string;
  readonly receipt: string;
}

const fieldId = (field: RatingField) => `f-${field}`;

/**
 * The rating page: a form that posts `application/x-www-form-urlencoded` to `/avaliar` (the
 * script posts JSON to `/v1/feedback` instead, with the same idempotency key), with the service
 * picker grouped by category, the 1–5 rating, how the service ended, the channel, optional region,
 * reason and comment, the honeypot (`website`, hidden from people and from assistive technology),
 * an error summary after a failed post, and a template of the confirmation for the script.
 */
export function renderRatingPage(input: RatingPageInput): string {
  const { lang, labels } = input;
  const t = RATING_TEXT[lang];
  const values = input.state?.values ?? {};
  const errors = input.state?.errors ?? {};
  const errorOf = (field: RatingField) =>
    errors[field] ? html`<p class="field-error" id="e-${field}">${errors[field]}</p>` : '';
  const invalid = (field: RatingField) => (errors[field] ? html` aria-invalid="true"` : '');
  const describedBy = (field: RatingField, hint?: boolean) => {
    const ids = [hint ? `h-${field}` : '', errors[field] ? `e-${field}` : ''].filter(Boolean);
    return ids.length > 0 ? html` aria-describedby="${ids.join(' ')}"` : '';
  };
  const selected = (field: RatingField, value: string) =>
    values[field] === value ? html` selected` : '';
  const checked = (field: RatingField, value: string) =>
    values[field] === value ? html` checked` : '';

  const categories = new Map<string, ServiceListing[]>();
  for (const service of input.services) {
    const list = categories.get(service.category) ?? [];
    list.push(service);
    categories.set(service.category, list);
  }
  const nameOf = (s: ServiceListing) => (lang === 'en' ? s.name_en : s.name_pt);
  const collator = new Intl.Collator(lang);
  const groups = [...categories.entries()].sort(
    ([a], [b]) =>
      labels.order('category', a) - labels.order('category', b) ||
      collator.compare(labels.value('category', a), labels.value('category', b)),
  );
  const serviceOptions = groups.map(
    ([category, services]) =>
      html`<optgroup label="${labels.value('category', category)}">${services
        .sort((a, b) => collator.compare(nameOf(a), nameOf(b)))
        .map(
          (s) =>
            html`<option value="${s.service_id}"${selected('serviceId', s.service_id)}>${nameOf(s)}</option>`,
        )}</optgroup>`,
  );

  const radios = (
    field: RatingField,
    legend: string,
    options: readonly { value: string; label: string }[],
    inline = false,
  ) =>
    html`<fieldset${describedBy(field)}><legend>${legend}</legend>${errorOf(field)}<div class="choices${inline ? ' inline' : ''}">${options.map(
      (o, i) =>
        html`<label class="choice"><input type="radio" name="${field}" value="${o.value}"${i === 0 ? html` id="${fieldId(field)}"` : ''}${checked(field, o.value)}${invalid(field)} required> ${o.label}</label>`,
    )}</div></fieldset>`;
  const optionalSelect = (field: RatingField, label: string, options: readonly string[]) =>
    html`<div class="field"><label for="${fieldId(field)}">${label} <span class="hint">${t.optional}</span></label>${errorOf(field)}<select id="${fieldId(field)}" name="${field}"${invalid(field)}${describedBy(field)}><option value="">${t.notSaying}</option>${options.map(
      (v) => html`<option value="${v}"${selected(field, v)}>${labels.value(field, v)}</option>`,
    )}</select></div>`;

  const problems = RATING_FIELDS.filter((f) => errors[f]);
  const summary =
    problems.length > 0 || input.state?.message
      ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>${t.errorTitle}</h2>${input.state?.message ? html`<p>${input.state.message}</p>` : ''}${problems.length > 0 ? html`<ul>${problems.map((f) => html`<li><a href="#${fieldId(f)}">${errors[f]}</a></li>`)}</ul>` : ''}</div>`
      : '';

  const form = html`<form class="form" method="post" action="/avaliar${queryString({ lang: lang === 'en' ? 'en' : undefined })}" data-enhance="rating" data-error-invalid="${t.errors.invalid}" data-error-busy="${t.errors.busy}">
<input type="hidden" name="idempotencyKey" value="${input.idempotencyKey}">
<div class="field"><label for="${fieldId('serviceId')}">${t.service}</label><p class="hint" id="h-serviceId">${t.serviceHint}</p>${errorOf('serviceId')}<select id="${fieldId('serviceId')}" name="serviceId" required${invalid('serviceId')}${describedBy('serviceId', true)}><option value="">${t.servicePlaceholder}</option>${serviceOptions}</select></div>
${radios(
  'rating',
  t.rating,
  t.ratingLabels.map((label, i) => ({ value: String(i + 1), label })),
)}
${radios(
  'outcome',
  t.outcome,
  OUTCOMES.map((o) => ({ value: o, label: t.outcomeLabels[o] })),
)}
${radios(
  'channel',
  t.channel,
  CHANNELS.map((c) => ({ value: c, label: labels.value('channel', c) })),
  true,
)}
${optionalSelect('region', t.region, REGIONS)}
${optionalSelect('reason', t.reason, REASONS)}
<div class="field"><label for="${fieldId('comment')}">${t.comment} <span class="hint">${t.optional}</span></label><p class="hint" id="h-comment">${t.commentHint(formatCount(COMMENT_MAX_CHARS, lang))}</p>${errorOf('comment')}<textarea id="${fieldId('comment')}" name="comment" rows="4" maxlength="${COMMENT_MAX_CHARS}"${invalid('comment')}${describedBy('comment', true)}>${values.comment ?? ''}</textarea></div>
<div class="hp" aria-hidden="true"><label for="f-website">${t.honeypot}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
<p id="rating-error" class="field-error" role="alert" hidden></p>
<button type="submit">${t.submit}</button>
</form>`;

  const main = html`<h1>${t.title}</h1><p class="lede">${t.intro} <a href="${privacyUrl(lang)}">${t.privacyLink}</a>.</p>${summary}${form}<template id="rating-done">${renderConfirmation(lang)}</template>`;
  return renderPage({
    lang,
    title: t.title,
    main,
    switchHref: ratingUrl(otherLanguage(lang)),
    current: 'rate',
  });
}

/**
 * The confirmation of a stored rating: the receipt, the rating's id and how to erase it — a
 * button that posts the erasure form (`POST /avaliar/apagar`, no script needed; the script sends
 * `DELETE /v1/feedback/{id}` instead), a link to the erasure page for later, and the `curl`
 * command. Without a confirmation it has empty slots (`data-slot`) that the script fills.
 */
export function renderConfirmation(lang: PortalLanguage, done?: RatingConfirmation): SafeHtml {
  const t = RATING_TEXT[lang];
  const slot = (name: 'id' | 'receipt') =>
    html`<span data-slot="${name}">${done ? done[name] : ''}</span>`;
  return html`<section class="confirmation" aria-labelledby="done-title"><h2 id="done-title">${t.doneTitle}</h2><p>${t.doneThanks}</p><h3>${t.receipt}</h3><p><code class="receipt">${slot('receipt')}</code></p><p>${t.receiptKeep}</p><p>${t.ratingId}: <code>${slot('id')}</code></p><h3>${t.deleteTitle}</h3><p>${t.deleteNow} <a href="${eraseUrl(lang)}">${t.deleteLater}</a>.</p>${renderEraseButton(lang, done)}<p class="erase-status" role="status"></p><p>${t.deleteHow}</p><pre><code>curl -X DELETE /v1/feedback/${slot('id')} \\
  -H "Authorization: Bearer ${slot('receipt')}"</code></pre><p><a href="${privacyUrl(lang)}">${t.deleteMore}</a></p><p><a href="${ratingUrl(lang)}">${t.rateAnother}</a></p></section>`;
}

/** The page shown after a rating posted without JavaScript. */
export function renderConfirmationPage(lang: PortalLanguage, done: RatingConfirmation): string {
  const t = RATING_TEXT[lang];
  return renderPage({
    lang,
    title: t.doneTitle,
    main: html`<h1>${t.title}</h1>${renderConfirmation(lang, done)}`,
    switchHref: ratingUrl(otherLanguage(lang)),
    current: 'rate',
  });
}

import { randomUUID } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { OriginVerifySecret } from '../feedback/origin-verify.js';
import { requestClientAddress } from '../feedback/request-client-address.js';
import { type SubmitFeedbackDeps, submitFeedback } from '../feedback/submit-feedback.js';
import type { MiranteEnv } from '../http/create-base-app.js';
import { rawBodyOf } from '../http/request-context.js';
import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import type { FieldError } from '../shared/problem.js';
import { ProblemError } from '../shared/problem.js';
import { PAGE_CSP } from './content-security-policy.js';
import { dimensionLabels } from './dimension-labels.js';
import { htmlResponse } from './html-response.js';
import { parseRatingForm } from './parse-rating-form.js';
import { portalLanguageOf } from './portal-language.js';
import { RATING_TEXT, type RatingText } from './rating-text.js';
import {
  RATING_FIELDS,
  type RatingField,
  type RatingFormState,
  renderConfirmationPage,
  renderRatingPage,
} from './render-rating-page.js';
import type { ServiceListingSource } from './service-listing.js';

/** What the no-JavaScript rating form needs: the feedback logic's dependencies and labels. */
export interface RatingFormRouteDeps {
  readonly submit: SubmitFeedbackDeps;
  /** The service catalogue, to show the form again after a problem. */
  readonly services: ServiceListingSource;
  readonly registry: () => Promise<DimensionRegistry>;
  /**
   * The values CloudFront may send in `X-Mirante-Origin-Verify` (as for `POST /v1/feedback`):
   * without one on the request, `CloudFront-Viewer-Address` is not believed.
   */
  readonly originVerify?: OriginVerifySecret | undefined;
}

/**
 * Registers `POST /avaliar` (served by the feedback function: it writes). It reads the
 * urlencoded form into the same schema as `POST /v1/feedback` and runs the same `submitFeedback`
 * (honeypot, rate limits, idempotency, scrubbing), then answers with HTML: 201 and a confirmation
 * showing the receipt and how to erase the rating, or the form again with its problems (400 and
 * 422 with field messages, 429 and 503 with `Retry-After`). Never cached.
 */
export function registerRatingFormRoute(
  app: OpenAPIHono<MiranteEnv>,
  deps: RatingFormRouteDeps,
): void {
  app.post('/avaliar', async (c) => {
    const lang = portalLanguageOf(c.req.query('lang'));
    const t = RATING_TEXT[lang];
    const form = parseRatingForm(c.req.header('content-type'), await rawBodyOf(c));

    const again = async (
      status: 400 | 409 | 410 | 422 | 429 | 503,
      state: RatingFormState,
      key: string | undefined,
      retryAfter?: number,
    ) => {
      const services = await deps.services().catch(() => []);
      const body = renderRatingPage({
        lang,
        services,
        labels: dimensionLabels(await deps.registry(), lang),
        idempotencyKey: key ?? randomUUID(),
        state,
      });
      if (retryAfter !== undefined)
        c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
      return htmlResponse(c, body, status, PAGE_CSP, 'no-store');
    };

    if (form.problem || !form.feedback || !form.idempotencyKey) {
      const errors = fieldMessages(form.problem?.options.errors ?? [], t);
      return again(
        400,
        { values: form.values, errors, message: t.errors.invalid },
        form.idempotencyKey,
      );
    }
    try {
      const result = await submitFeedback(
        { ...deps.submit, logger: c.get('logger') },
        {
          feedback: form.feedback,
          idempotencyKey: form.idempotencyKey,
          clientIp: requestClientAddress(c, deps.originVerify),
        },
      );
      c.header('Location', `/v1/feedback/${result.body.id}`);
      return htmlResponse(c, renderConfirmationPage(lang, result.body), 201, PAGE_CSP, 'no-store');
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      const values = form.values;
      const key = form.idempotencyKey;
      switch (error.kind) {
        case 'unknown-service':
          return again(422, { values, errors: { serviceId: t.errors.unknownService } }, key);
        case 'too-many-requests':
          return again(
            429,
            { values, errors: {}, message: t.errors.busy },
            key,
            error.options.retryAfter ?? 60,
          );
        case 'unavailable':
        case 'request-in-progress':
          return again(
            error.kind === 'unavailable' ? 503 : 409,
            { values, errors: {}, message: t.errors.unavailable },
            key,
            error.options.retryAfter ?? 1,
          );
        case 'idempotency-key-reused':
        case 'feedback-erased':
          // The key belongs to another rating: a fresh form (new key) keeps what was typed.
          return again(
            error.kind === 'feedback-erased' ? 410 : 422,
            { values, errors: {}, message: t.errors.reused },
            undefined,
          );
        default:
          throw error;
      }
    }
  });
}

/** Field messages for the form from the problem's field errors (JSON Pointers). */
function fieldMessages(
  errors: readonly FieldError[],
  t: RatingText,
): Partial<Record<RatingField, string>> {
  const out: Partial<Record<RatingField, string>> = {};
  for (const error of errors) {
    const field = error.pointer.replace(/^\//, '').split('/')[0] as RatingField;
    if ((RATING_FIELDS as readonly string[]).includes(field)) out[field] = t.errors[field];
  }
  return out;
}

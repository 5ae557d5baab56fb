import type { OpenAPIHono } from '@hono/zod-openapi';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../feedback/aws-unavailable.js';
import { type EraseFeedbackDeps, eraseFeedback } from '../feedback/erase-feedback.js';
import { readBodyUpTo } from '../feedback/read-body-up-to.js';
import type { MiranteEnv } from '../http/create-base-app.js';
import { ProblemError } from '../shared/problem.js';
import { PAGE_CSP } from './content-security-policy.js';
import { ERASE_TEXT, type EraseText } from './erase-text.js';
import { htmlResponse } from './html-response.js';
import {
  ERASE_FORM_MAX_BODY_BYTES,
  type EraseFieldProblem,
  parseEraseForm,
} from './parse-erase-form.js';
import { portalLanguageOf } from './portal-language.js';
import {
  ERASE_FIELDS,
  type EraseField,
  type EraseFormState,
  renderErasedPage,
  renderErasePage,
} from './render-erase-page.js';

/** What the no-JavaScript erasure form needs: the erasure logic's dependencies. */
export interface EraseFormRouteDeps {
  /** The dependencies of `eraseFeedback` (its logger is the request's). */
  readonly erase: Omit<EraseFeedbackDeps, 'logger'>;
}

/**
 * Registers `POST /avaliar/apagar` (served by the feedback function: it writes), the right to
 * erasure without JavaScript. It reads the urlencoded `id` and `receipt` and runs the same
 * `eraseFeedback` as `DELETE /v1/feedback/{id}`, then answers with an HTML page (`?lang=en` for
 * English), never cached: 200 and a confirmation; 404 and the form again with how to check the
 * receipt when nothing matched — one answer for an unknown id, a wrong receipt and a rating
 * already erased, and the receipt is checked before anything is read, so both cost the same; 400
 * naming each missing or malformed field; 503 with `Retry-After` when DynamoDB or S3 can't be
 * reached (a retry completes the erasure).
 *
 * There is no session or cookie to ride on: a cross-site post erases only with the receipt, which
 * only the rating's author has (and which would erase it through the API just the same).
 */
export function registerEraseFormRoute(
  app: OpenAPIHono<MiranteEnv>,
  deps: EraseFormRouteDeps,
): void {
  app.post('/avaliar/apagar', async (c) => {
    const lang = portalLanguageOf(c.req.query('lang'));
    const t = ERASE_TEXT[lang];
    const form = parseEraseForm(
      c.req.header('content-type'),
      await readBodyUpTo(c.req.raw, ERASE_FORM_MAX_BODY_BYTES),
    );

    const again = (status: 400 | 404 | 503, state: EraseFormState, retryAfter?: number) => {
      if (retryAfter !== undefined) {
        c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
      }
      return htmlResponse(c, renderErasePage(lang, state), status, PAGE_CSP, 'no-store');
    };

    const values = form.values;
    if (!form.request) {
      return again(400, {
        values,
        errors: fieldMessages(form.problems, t),
        message: t.errors.invalid,
      });
    }
    try {
      await eraseFeedback(
        { ...deps.erase, logger: c.get('logger') },
        form.request.id,
        form.request.receipt,
      );
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      if (error.kind === 'not-found') {
        return again(404, { values, errors: {}, message: t.notFound, checks: t.notFoundChecks });
      }
      if (error.kind === 'unavailable') {
        return again(
          503,
          { values, errors: {}, message: t.errors.unavailable },
          error.options.retryAfter ?? UNAVAILABLE_RETRY_AFTER_SECONDS,
        );
      }
      throw error;
    }
    return htmlResponse(c, renderErasedPage(lang, form.request.id), 200, PAGE_CSP, 'no-store');
  });
}

/** The message of each refused field. */
function fieldMessages(
  problems: Partial<Record<EraseField, EraseFieldProblem>>,
  t: EraseText,
): Partial<Record<EraseField, string>> {
  const messages: Record<EraseField, Record<EraseFieldProblem, string>> = {
    id: { missing: t.errors.idMissing, invalid: t.errors.idInvalid },
    receipt: { missing: t.errors.receiptMissing, invalid: t.errors.receiptInvalid },
  };
  const out: Partial<Record<EraseField, string>> = {};
  for (const field of ERASE_FIELDS) {
    const problem = problems[field];
    if (problem) out[field] = messages[field][problem];
  }
  return out;
}

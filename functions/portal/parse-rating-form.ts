import { type FeedbackRequest, feedbackRequestSchema } from '../feedback/feedback-schema.js';
import { fieldErrorsOf } from '../feedback/field-errors.js';
import { requireIdempotencyKey } from '../feedback/idempotency-key.js';
import { requireMediaType } from '../feedback/media-type.js';
import { FEEDBACK_MAX_BODY_BYTES } from '../feedback/parse-feedback-request.js';
import { decodeUtf8Body, type RawBody } from '../feedback/utf8-body.js';
import { ProblemError } from '../shared/problem.js';
import { RATING_FIELDS, type RatingField } from './render-rating-page.js';

/** Name of the form field carrying the idempotency key (the JSON route takes it as a header). */
export const IDEMPOTENCY_KEY_FIELD = 'idempotencyKey';

/** A posted rating form: what was sent, and either the validated request or the problem. */
export interface RatingFormSubmission {
  /** The values of the form's fields, to show the form again. */
  readonly values: Partial<Record<RatingField, string>>;
  /** The key, when it was valid (a retry of the same form keeps it). */
  readonly idempotencyKey: string | undefined;
  readonly feedback?: FeedbackRequest | undefined;
  /** Why the form was refused (400 `validation` with field errors, or a bad key). */
  readonly problem?: ProblemError | undefined;
}

const OPTIONAL = new Set(['region', 'reason', 'comment', 'website']);

/**
 * Reads the no-JavaScript rating form (`application/x-www-form-urlencoded`, UTF-8, at most the
 * JSON route's 16 KB) into THE feedback request schema: the same checks as `POST /v1/feedback`.
 * Empty optional fields are left out, `rating` is read as a number, the idempotency key comes
 * from a hidden field instead of a header; any other field is an unknown property the strict
 * schema refuses. A wrong media type (415), an oversized body (413) or invalid UTF-8 (400) throw a
 * `ProblemError`; field problems are returned with the values sent, so the form can show them.
 */
export function parseRatingForm(
  contentType: string | null | undefined,
  body: RawBody,
): RatingFormSubmission {
  requireMediaType(contentType, ['application/x-www-form-urlencoded']);
  const params = new URLSearchParams(decodeUtf8Body(body, FEEDBACK_MAX_BODY_BYTES));
  const values: Partial<Record<RatingField, string>> = {};
  for (const field of RATING_FIELDS) {
    const value = params.get(field);
    if (value !== null) values[field] = value;
  }
  let idempotencyKey: string | undefined;
  try {
    idempotencyKey = requireIdempotencyKey(params.get(IDEMPOTENCY_KEY_FIELD));
  } catch (error) {
    return { values, idempotencyKey: undefined, problem: error as ProblemError };
  }

  const input: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [name, value] of params) {
    if (name === IDEMPOTENCY_KEY_FIELD) continue;
    if (seen.has(name)) {
      return {
        values,
        idempotencyKey,
        problem: new ProblemError('validation', {
          detail: 'Some fields are missing or not valid.',
          errors: [{ pointer: `/${name}`, detail: 'must be sent once' }],
        }),
      };
    }
    seen.add(name);
    if (value === '' && OPTIONAL.has(name)) continue;
    input[name] = name === 'rating' && /^\d{1,2}$/.test(value) ? Number(value) : value;
  }
  const parsed = feedbackRequestSchema.safeParse(input);
  if (!parsed.success) {
    return {
      values,
      idempotencyKey,
      problem: new ProblemError('validation', {
        detail: 'Some fields are missing or not valid.',
        errors: fieldErrorsOf(parsed.error),
      }),
    };
  }
  return { values, idempotencyKey, feedback: parsed.data };
}

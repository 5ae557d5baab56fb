import { ProblemError } from '../shared/problem.js';
import { type FeedbackRequest, feedbackRequestSchema } from './feedback-schema.js';
import { fieldErrorsOf } from './field-errors.js';
import { requireIdempotencyKey } from './idempotency-key.js';
import { parseJsonBody } from './json-body.js';
import { requireMediaType } from './media-type.js';
import { decodeUtf8Body, type RawBody } from './utf8-body.js';

/** Largest accepted body of `POST /v1/feedback`, in bytes. */
export const FEEDBACK_MAX_BODY_BYTES = 16 * 1024;

/** The raw parts of a `POST /v1/feedback` request, as the HTTP layer receives them. */
export interface RawFeedbackRequest {
  readonly contentType: string | null | undefined;
  readonly body: RawBody;
  readonly idempotencyKey: string | null | undefined;
}

/** A request that passed every check: the body and its idempotency key. */
export interface ParsedFeedbackRequest {
  readonly feedback: FeedbackRequest;
  readonly idempotencyKey: string;
}

/**
 * Turns the raw parts of a rating request into validated input. Every bad input becomes a
 * `ProblemError` with a 4xx status, checked in this order: content type (415), size (413),
 * UTF-8 (400), `Idempotency-Key` (400), nesting depth (400), JSON syntax (400), a body that is
 * not an object (400) and the schema (400 with field-level `errors`). It throws nothing else.
 */
export function parseFeedbackRequest(raw: RawFeedbackRequest): ParsedFeedbackRequest {
  requireMediaType(raw.contentType, ['application/json']);
  const text = decodeUtf8Body(raw.body, FEEDBACK_MAX_BODY_BYTES);
  const idempotencyKey = requireIdempotencyKey(raw.idempotencyKey);
  const json = parseJsonBody(text);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ProblemError('validation', {
      detail: 'The body must be a JSON object.',
      errors: [{ pointer: '', detail: 'must be an object' }],
    });
  }
  const parsed = feedbackRequestSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProblemError('validation', {
      detail: 'Some fields are missing or not valid.',
      errors: fieldErrorsOf(parsed.error),
    });
  }
  return { feedback: parsed.data, idempotencyKey };
}

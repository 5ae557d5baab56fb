import { z } from 'zod';
import { FEEDBACK_ID_PATTERN } from '../feedback/feedback-schema.js';
import { requireMediaType } from '../feedback/media-type.js';
import { RECEIPT_PATTERN } from '../feedback/receipt.js';
import { decodeUtf8Body, type RawBody } from '../feedback/utf8-body.js';
import { ERASE_FIELDS, type EraseField } from './render-erase-page.js';

/** Largest erasure form body, in bytes (an id and a receipt take under 100). */
export const ERASE_FORM_MAX_BODY_BYTES = 4096;

/**
 * The erasure form's fields once normalised: a rating id and a receipt of the right shapes
 * (whether they belong together is the erasure logic's question).
 */
export const eraseFormSchema = z.object({
  id: z.string().regex(FEEDBACK_ID_PATTERN),
  receipt: z.string().regex(RECEIPT_PATTERN),
});

/** A well-formed erasure request. */
export type EraseFormRequest = z.infer<typeof eraseFormSchema>;

/** Why a field of the form was refused. */
export type EraseFieldProblem = 'missing' | 'invalid';

/** A posted erasure form: what was sent, and either the request or what was wrong. */
export interface EraseFormSubmission {
  /** The values sent (as typed), to show the form again. */
  readonly values: Partial<Record<EraseField, string>>;
  readonly request?: EraseFormRequest | undefined;
  /** Each refused field: empty or absent, or malformed (or sent more than once). */
  readonly problems: Partial<Record<EraseField, EraseFieldProblem>>;
}

/**
 * Reads the erasure form (`application/x-www-form-urlencoded`, UTF-8, at most
 * {@link ERASE_FORM_MAX_BODY_BYTES}). Whitespace is removed from both fields (a receipt copied
 * from a wrapped line or typed with spaces) and the id is lower-cased (ids are lower-case base32);
 * neither alphabet has whitespace, and receipts keep their case. Other fields are ignored. A
 * wrong media type (415), an oversized body (413) or invalid UTF-8 (400) throw a `ProblemError`;
 * field problems are returned with the values sent, so the form can show them.
 */
export function parseEraseForm(
  contentType: string | null | undefined,
  body: RawBody,
): EraseFormSubmission {
  requireMediaType(contentType, ['application/x-www-form-urlencoded']);
  const params = new URLSearchParams(decodeUtf8Body(body, ERASE_FORM_MAX_BODY_BYTES));
  const values: Partial<Record<EraseField, string>> = {};
  const problems: Partial<Record<EraseField, EraseFieldProblem>> = {};
  const input: Partial<Record<EraseField, string>> = {};
  for (const field of ERASE_FIELDS) {
    const sent = params.getAll(field);
    if (sent[0] !== undefined) values[field] = sent[0];
    const value = (sent[0] ?? '').replace(/\s+/g, '');
    if (value === '') problems[field] = 'missing';
    else if (sent.length > 1) problems[field] = 'invalid';
    else input[field] = field === 'id' ? value.toLowerCase() : value;
  }
  const parsed = eraseFormSchema.safeParse(input);
  if (parsed.success && Object.keys(problems).length === 0) {
    return { values, request: parsed.data, problems };
  }
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path[0];
    if (field === 'id' || field === 'receipt') problems[field] ??= 'invalid';
  }
  return { values, problems };
}

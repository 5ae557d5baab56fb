import { z } from '@hono/zod-openapi';
import { CHANNELS, OUTCOMES, REASONS, REGIONS } from '../shared/vocabulary.js';

export { CHANNELS, OUTCOMES, REASONS, REGIONS } from '../shared/vocabulary.js';

/** Longest accepted comment, in characters (Unicode code points, as JSON Schema counts). */
export const COMMENT_MAX_CHARS = 1250;

/** Pattern of a service id: letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const SERVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Pattern of a feedback id: 26 lowercase base32 characters (128 bits). */
export const FEEDBACK_ID_PATTERN = /^[a-z2-7]{26}$/;

// A UTF-16 surrogate without its pair cannot be encoded as UTF-8 (JSON allows `"\ud800"`).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0/C1 control characters other than tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Number of Unicode code points of a string (what a citizen sees as characters). */
export const codePointLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** The id of a service in the catalogue (`service_id` of the services dataset). */
export const serviceIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(SERVICE_ID_PATTERN, 'must be 1–64 letters, digits, ".", "_" or "-"')
  .openapi({
    description: 'Id of the rated service in the service catalogue.',
    example: 'iptu-2-via',
  });

/** A free-text comment (scrubbed of personal identifiers before it is stored). */
export const commentSchema = z
  .string()
  .refine((s) => codePointLength(s) <= COMMENT_MAX_CHARS, {
    message: `must be at most ${COMMENT_MAX_CHARS} characters`,
  })
  .refine((s) => !LONE_SURROGATE.test(s), { message: 'must be valid Unicode text' })
  .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' })
  .openapi({
    maxLength: COMMENT_MAX_CHARS,
    description:
      'Optional comment. CPF, CNPJ, e-mail addresses, phone numbers and CEP are replaced by ' +
      '[cpf], [cnpj], [email], [phone] and [cep] before it is stored.',
    example: 'Consegui emitir a segunda via em poucos minutos.',
  });

/** The fields of one rating, shared by the public body and the rows of a bulk import. */
export const feedbackFields = {
  serviceId: serviceIdSchema,
  rating: z.number().int().min(1).max(5).openapi({
    description: 'Satisfaction from 1 (very dissatisfied) to 5 (very satisfied).',
    example: 5,
  }),
  outcome: z.enum(OUTCOMES).openapi({
    description:
      'How the use of the service ended; `not_eligible` counts as completed in completion rates.',
    example: 'completed',
  }),
  channel: z.enum(CHANNELS).openapi({ description: 'Where the service was used.', example: 'web' }),
  region: z.enum(REGIONS).optional().openapi({
    description: 'Administrative region (regional) of the citizen.',
    example: 'barreiro',
  }),
  reason: z.enum(REASONS).optional().openapi({
    description: 'What most influenced the rating (gov.br dimensions).',
    example: 'time',
  }),
  comment: commentSchema.optional(),
};

/**
 * THE body of `POST /v1/feedback`: a strict object (unknown properties, `__proto__` included,
 * are rejected). Also the type and the OpenAPI component `FeedbackRequest`.
 */
export const feedbackRequestSchema = z
  .strictObject({
    ...feedbackFields,
    website: z.string().optional().openapi({
      description: 'Leave empty. (A field people never see; software that fills it is ignored.)',
    }),
  })
  .openapi('FeedbackRequest');

/** A validated feedback request body. */
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

/** The body of the `201 Created` answer of `POST /v1/feedback`. */
export const feedbackCreatedSchema = z
  .object({
    id: z.string().regex(FEEDBACK_ID_PATTERN).openapi({
      description: 'Id of the stored rating (also in the Location header).',
      example: 'k5qz2l7yx3b4mjc6vw2drta4hy',
    }),
    receipt: z.string().openapi({
      description:
        'Keep it: send it as `Authorization: Bearer <receipt>` to `DELETE /v1/feedback/{id}` to ' +
        'erase the rating. It is not stored anywhere and cannot be recovered.',
      example: 'Zq6m1kQx0yJ8t3c2P1n4bVh9W5sL7aE0dR2uT6yXo8M',
    }),
    receivedAt: z.iso.datetime().openapi({
      description: 'When the rating was received (UTC).',
      example: '2025-03-14T12:30:00.000Z',
    }),
  })
  .openapi('FeedbackCreated');

/** The answer to an accepted (or replayed) rating. */
export type FeedbackCreated = z.infer<typeof feedbackCreatedSchema>;

import { z } from '@hono/zod-openapi';
import { feedbackFields } from './feedback-schema.js';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency-key.js';

/** Most rows one bulk import may carry. */
export const FEEDBACK_BATCH_MAX_ROWS = 10_000;

/** Largest bulk import body, in bytes (Lambda's request payload limit is 6 MB). */
export const FEEDBACK_BATCH_MAX_BYTES = 5 * 1024 * 1024;

/**
 * One row of `POST /v1/feedback/batch` (JSON array element or CSV record with these column
 * names): a rating collected offline, with its own idempotency key and collection time.
 */
export const feedbackBatchRowSchema = z
  .strictObject({
    idempotencyKey: z
      .string()
      .regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1–255 visible ASCII characters')
      .openapi({
        description: 'Unique per rating; resending the row with the same key never doubles it.',
        example: 'kiosk-12-2025-03-14-0042',
      }),
    collectedAt: z.iso.datetime({ offset: true }).openapi({
      description:
        'When the rating was given (ISO 8601 with offset); not in the future, not older than ' +
        'the import window (400 days by default).',
      example: '2025-03-14T09:15:00-03:00',
    }),
    ...feedbackFields,
  })
  .openapi('FeedbackBatchRow');

/** A validated bulk-import row. */
export type FeedbackBatchRow = z.infer<typeof feedbackBatchRowSchema>;

/** The JSON form of a bulk import body (CSV carries the same columns). */
export const feedbackBatchRequestSchema = z
  .array(feedbackBatchRowSchema)
  .max(FEEDBACK_BATCH_MAX_ROWS)
  .openapi('FeedbackBatchRequest');

/** The answer of a bulk import. */
export const feedbackBatchResultSchema = z
  .object({
    accepted: z.number().int().openapi({ description: 'Rows stored by this request.' }),
    duplicates: z.number().int().openapi({
      description: 'Rows already stored (same idempotency key and content), not stored again.',
    }),
    rejected: z
      .array(
        z.object({
          row: z.number().int().openapi({
            description: 'Row number: 1 is the first array element or the first CSV record.',
          }),
          errors: z.array(z.object({ pointer: z.string(), detail: z.string() })),
        }),
      )
      .openapi({ description: 'Rows not stored, with the reasons.' }),
  })
  .openapi('FeedbackBatchResult');

/** The answer of a bulk import. */
export type FeedbackBatchResult = z.infer<typeof feedbackBatchResultSchema>;

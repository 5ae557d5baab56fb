import { z } from '@hono/zod-openapi';

/** The receipt of a published version: how the figures were computed, and from what. */
export const ReceiptSchema = z
  .object({
    version: z.string().openapi({ description: 'Content-derived version id' }),
    sqlSha256: z.string().openapi({ description: 'SHA-256 of the SQL file that produced it' }),
    inputs: z
      .array(z.object({ key: z.string(), etag: z.string(), rows: z.number() }))
      .openapi({ description: 'The lake objects read, with their ETags and row counts' }),
    codeVersion: z.string(),
    privacy: z.object({
      rule: z.literal('min-cell'),
      minCell: z.number(),
      suppressedPrimary: z.number(),
      suppressedComplementary: z.number(),
    }),
    rowCount: z.number(),
  })
  .openapi('Receipt');

import { z } from '@hono/zod-openapi';
import { ReceiptSchema } from './receipt-schema.js';

/** One published version of an indicator, with its receipt. */
export const IndicatorVersionSchema = z
  .strictObject({
    version: z.string(),
    computedAt: z.string().openapi({ format: 'date-time' }),
    rowCount: z.number().int(),
    latest: z.boolean(),
    receipt: ReceiptSchema,
    links: z.strictObject({ self: z.string(), csv: z.string() }),
  })
  .openapi('IndicatorVersion');

/** `{ data, meta }`: an indicator's published history, newest first. */
export const IndicatorVersionListSchema = z
  .strictObject({
    data: z.array(IndicatorVersionSchema),
    meta: z.strictObject({
      indicator: z.string(),
      count: z.number().int(),
      latest: z.string(),
    }),
  })
  .openapi('IndicatorVersionList');

/** The body of the versions response. */
export type IndicatorVersionList = z.infer<typeof IndicatorVersionListSchema>;

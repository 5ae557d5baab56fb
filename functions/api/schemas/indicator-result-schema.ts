import { z } from '@hono/zod-openapi';
import { IndicatorRowSchema } from './indicator-row-schema.js';
import { IndicatorViewSchema } from './indicator-view-schema.js';
import { ReceiptSchema } from './receipt-schema.js';

/** `{ indicator, receipt, data }`: one published result of an indicator. */
export const IndicatorResultSchema = z
  .strictObject({
    indicator: IndicatorViewSchema,
    receipt: ReceiptSchema,
    data: z.array(IndicatorRowSchema),
  })
  .openapi('IndicatorResult');

/** The body of an indicator result response. */
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;

import { z } from '@hono/zod-openapi';

/**
 * A result row (DESIGN.md "Result rows"): `period`, every declared dimension (`_T` outside the
 * row's breakdown, `_U` unknown), `value`, `n`, `status` and the extra measures. Keys are
 * snake_case data: a row's JSON keys equal its CSV header.
 */
export const IndicatorRowSchema = z
  .object({
    period: z.string().openapi({ example: '2026-03', description: 'Month, YYYY-MM' }),
    value: z.number().nullable().openapi({ description: 'null when suppressed' }),
    n: z
      .number()
      .nullable()
      .openapi({ description: 'What the cell rests on; null when suppressed' }),
    status: z.enum(['', 'C', 'p']).openapi({
      description: '`C` suppressed (confidential), `p` provisional (current month), empty final',
    }),
  })
  .catchall(z.union([z.string(), z.number(), z.null()]))
  .openapi('IndicatorRow');

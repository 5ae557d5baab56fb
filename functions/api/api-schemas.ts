import { z } from '@hono/zod-openapi';

/** A bilingual text as published. */
export const BilingualSchema = z
  .object({ 'pt-BR': z.string(), en: z.string() })
  .openapi('Bilingual');

/** A result row: `period`, dimensions, `value`, `n`, `status` and extra measures (snake_case). */
export const IndicatorRowSchema = z
  .object({
    period: z.string().openapi({ example: '2026-10' }),
    value: z.number().nullable(),
    n: z.number().nullable(),
    status: z.enum(['', 'C', 'p']),
  })
  .catchall(z.union([z.string(), z.number(), z.null()]))
  .openapi('IndicatorRow');

/** Published indicator metadata (camelCase envelope fields). */
export const PublishedIndicatorSchema = z
  .object({
    id: z.string(),
    theme: z.string(),
    keywords: z.array(z.string()),
    title: BilingualSchema,
    description: BilingualSchema,
    methodology: BilingualSchema,
    unit: z.enum(['percent', 'count', 'score', 'ratio']),
    measures: z.array(z.object({ name: z.string(), label: BilingualSchema, unit: z.string() })),
    dimensions: z.array(z.string()),
    breakdowns: z.array(z.array(z.string())),
    minCell: z.number().int(),
    sources: z.array(z.string()),
    frequency: z.string(),
    headline: z.object({ breakdown: z.array(z.string()), measure: z.string(), trend: z.string() }),
    chart: z.string(),
  })
  .openapi('Indicator');

/** The receipt of a published version. */
export const ReceiptSchema = z
  .object({
    version: z.string(),
    sqlSha256: z.string(),
    inputs: z.array(z.object({ key: z.string(), etag: z.string(), rows: z.number() })),
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

/** `{ indicator, receipt, data }`: one indicator's latest published result. */
export const IndicatorEnvelopeSchema = z
  .object({
    indicator: PublishedIndicatorSchema,
    receipt: ReceiptSchema,
    data: z.array(IndicatorRowSchema),
  })
  .openapi('IndicatorResult');

/** One entry of the indicator catalogue. */
export const CatalogueEntrySchema = z
  .object({
    id: z.string(),
    title: BilingualSchema,
    description: BilingualSchema,
    unit: z.string(),
    theme: z.string(),
    version: z.string(),
    lastUpdated: z.string(),
    links: z.object({ self: z.string(), csv: z.string() }),
  })
  .openapi('CatalogueEntry');

/** `{ data, meta }`: the catalogue. */
export const CatalogueSchema = z
  .object({
    data: z.array(CatalogueEntrySchema),
    meta: z.object({ count: z.number().int() }),
  })
  .openapi('Catalogue');

export { ProblemSchema } from '../http/problem-schema.js';

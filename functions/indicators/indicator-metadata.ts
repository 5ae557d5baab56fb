import { z } from 'zod';

/** A text in both of Mirante's languages. */
export const bilingualSchema = z.strictObject({
  'pt-BR': z.string().min(1),
  en: z.string().min(1),
});

/** A text in pt-BR and en. */
export type Bilingual = z.infer<typeof bilingualSchema>;

/** Units an indicator's `value` can have. */
export const unitSchema = z.enum(['percent', 'count', 'score', 'ratio']);

/** A measure column of the result rows (`value` or a named extra such as `share_4_5`). */
export const measureSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'measure names are snake_case'),
  label: bilingualSchema,
  unit: unitSchema,
});

/**
 * What the `n` of an indicator's rows counts: `people` (ratings, certified participants, people
 * reached, transactions, devices handed to households) or `things` (services, hotspots,
 * telecentros). Only indicators that count things may declare `min_cell: 0`.
 */
export const nCountsSchema = z.enum(['people', 'things']);

/** The `n` column of an indicator's result rows: what it counts and its label. */
export const nColumnSchema = z.strictObject({
  counts: nCountsSchema,
  label: bilingualSchema,
});

/** A declared data test run over an indicator's rows before publication. */
export const declaredTestSchema = z.discriminatedUnion('test', [
  z.strictObject({
    test: z.literal('range'),
    column: z.string(),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.strictObject({ test: z.literal('not_null'), column: z.string() }),
  z.strictObject({ test: z.literal('unique_grain') }),
]);

/**
 * The metadata of one indicator, stored as `queries/<id>.yaml` beside `queries/<id>.sql`
 * (snake_case keys). This schema is the single source of truth for the format documented in
 * `queries/README.md`.
 */
export const indicatorMetadataSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'ids are kebab-case'),
  theme: z.enum(['services', 'wifi', 'devices', 'telecentros', 'skills']),
  keywords: z.array(z.string().min(1)).min(1),
  title: bilingualSchema,
  description: bilingualSchema,
  methodology: bilingualSchema,
  unit: unitSchema,
  measures: z.array(measureSchema).min(1),
  dimensions: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).default([]),
  breakdowns: z.array(z.array(z.string())).min(1),
  min_cell: z.number().int().min(0),
  /** What `n` counts; absent means `people` (so `min_cell` must respect the stage's floor). */
  n: nColumnSchema.optional(),
  sources: z.array(z.string().min(1)).min(1),
  frequency: z.enum(['continuous', 'daily', 'monthly', 'quarterly', 'yearly']),
  headline: z.strictObject({
    breakdown: z.array(z.string()),
    measure: z.string().default('value'),
    trend: z.enum(['previous_period', 'same_period_last_year', 'none']).default('previous_period'),
  }),
  chart: z.enum(['line', 'bar', 'stacked_bar', 'dot']),
  tests: z.array(declaredTestSchema).default([]),
});

/** An indicator's metadata as declared in `queries/<id>.yaml`. */
export type IndicatorMetadata = z.infer<typeof indicatorMetadataSchema>;

/** A loaded indicator: its metadata, SQL text and the SQL's SHA-256. */
export interface IndicatorDefinition {
  readonly metadata: IndicatorMetadata;
  readonly sql: string;
  readonly sqlSha256: string;
  /** File the metadata came from (for messages). */
  readonly file: string;
}

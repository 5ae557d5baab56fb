import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../language.js';

const figureFields = {
  period: z.string(),
  value: z.number().nullable(),
  n: z.number().nullable(),
  status: z.enum(['', 'C', 'p']),
  suppressed: z.boolean().openapi({
    description:
      'True when the cell rests on fewer than the indicator’s minCell people (value and n are null)',
  }),
};

/** A service's completion rate in one period (from `completion-rate`). */
export const ServiceFigureSchema = z.strictObject(figureFields).openapi('ServiceFigure');

/** A service's satisfaction in one period (from `user-satisfaction`). */
export const ServiceSatisfactionSchema = z
  .strictObject({
    ...figureFields,
    share45: z.number().nullable().openapi({ description: 'Share of ratings of 4 or 5, 0–100' }),
  })
  .openapi('ServiceSatisfaction');

/** A service of the catalogue with its latest published satisfaction and completion. */
export const ServiceSummarySchema = z
  .strictObject({
    id: z.string().openapi({ example: 'svc-0001' }),
    name: z.string().nullable(),
    category: z.string().nullable(),
    categoryLabel: z.string().nullable(),
    digitalLevel: z.enum(['full', 'partial', 'none']).nullable(),
    satisfaction: ServiceSatisfactionSchema.nullable(),
    completion: ServiceFigureSchema.nullable(),
    links: z.strictObject({ self: z.string(), satisfaction: z.string(), completion: z.string() }),
  })
  .openapi('ServiceSummary');

/** Where a service figure comes from. */
const SourcesSchema = z.array(
  z.strictObject({ indicator: z.string(), version: z.string(), period: z.string().nullable() }),
);

/** Metadata of the service responses. */
export const ServiceMetaSchema = z
  .strictObject({
    count: z.number().int(),
    language: z.enum(LANGUAGES),
    sources: SourcesSchema.openapi({
      description: 'The published versions the figures come from, and the period shown',
    }),
  })
  .openapi('ServiceMeta');

/** `{ data, meta }`: the service catalogue. */
export const ServiceListSchema = z
  .strictObject({ data: z.array(ServiceSummarySchema), meta: ServiceMetaSchema })
  .openapi('ServiceList');

/** One period of a service's history. */
export const ServicePeriodSchema = z
  .strictObject({
    period: z.string(),
    satisfaction: ServiceSatisfactionSchema.nullable(),
    completion: ServiceFigureSchema.nullable(),
  })
  .openapi('ServicePeriod');

/** `{ data, meta }`: one service with its monthly history. */
export const ServiceDetailSchema = z
  .strictObject({
    data: z.strictObject({
      ...ServiceSummarySchema.shape,
      history: z.array(ServicePeriodSchema),
    }),
    meta: ServiceMetaSchema,
  })
  .openapi('ServiceDetail');

/** A service with its latest figures. */
export type ServiceSummary = z.infer<typeof ServiceSummarySchema>;
/** One period of a service's history. */
export type ServicePeriod = z.infer<typeof ServicePeriodSchema>;
/** Metadata of the service responses. */
export type ServiceMeta = z.infer<typeof ServiceMetaSchema>;
/** The body of `GET /v1/services`. */
export type ServiceList = z.infer<typeof ServiceListSchema>;
/** The body of `GET /v1/services/{id}`. */
export type ServiceDetail = z.infer<typeof ServiceDetailSchema>;

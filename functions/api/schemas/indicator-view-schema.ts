import { z } from '@hono/zod-openapi';
import { indicatorMetadataSchema, unitSchema } from '../../indicators/indicator-metadata.js';
import { LANGUAGES } from '../language.js';

const shape = indicatorMetadataSchema.shape;

/** Links of an indicator: its latest result, as CSV, its history, its chart. */
export const IndicatorLinksSchema = z
  .strictObject({
    self: z.string(),
    csv: z.string(),
    versions: z.string(),
    chart: z.string(),
  })
  .openapi('IndicatorLinks');

/** Labels of the dimensions and of the dimension values present in a response. */
export const DimensionLabelsSchema = z
  .record(
    z.string(),
    z.strictObject({
      label: z.string(),
      values: z.record(z.string(), z.string()),
    }),
  )
  .openapi('DimensionLabels', {
    description:
      'For each dimension, its label and the labels of the values in `data` (row keys and values stay data; labels are in the response language).',
    example: { region: { label: 'Regional', values: { pampulha: 'Pampulha', _T: 'Total' } } },
  });

/** An indicator's metadata in one language, as the API serves it (camelCase). */
export const IndicatorViewSchema = z
  .strictObject({
    id: z.string().openapi({ example: 'user-satisfaction' }),
    language: z.enum(LANGUAGES),
    theme: z.enum(shape.theme.options),
    keywords: z.array(z.string()),
    title: z.string(),
    description: z.string(),
    methodology: z.string(),
    unit: unitSchema,
    measures: z.array(z.strictObject({ name: z.string(), label: z.string(), unit: unitSchema })),
    n: z
      .strictObject({ counts: z.enum(['people', 'things']), label: z.string() })
      .optional()
      .openapi({ description: 'What `n` counts' }),
    dimensions: z.array(z.string()),
    breakdowns: z.array(z.array(z.string())),
    minCell: z.number().int().openapi({ description: 'Cells with a smaller n are suppressed' }),
    sources: z.array(z.string()),
    frequency: z.string(),
    headline: z.strictObject({
      breakdown: z.array(z.string()),
      measure: z.string(),
      trend: z.string(),
    }),
    chart: z.string(),
    version: z.string(),
    lastUpdated: z.string().openapi({ format: 'date-time' }),
    labels: DimensionLabelsSchema,
    links: IndicatorLinksSchema,
  })
  .openapi('Indicator');

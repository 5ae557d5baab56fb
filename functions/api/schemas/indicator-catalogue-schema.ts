import { z } from '@hono/zod-openapi';
import { unitSchema } from '../../indicators/indicator-metadata.js';
import { LANGUAGES } from '../language.js';
import { IndicatorLinksSchema } from './indicator-view-schema.js';

/** A dimension of an indicator in the catalogue, with the values its filter accepts. */
export const CatalogueDimensionSchema = z
  .strictObject({
    name: z.string().openapi({ example: 'region' }),
    label: z.string(),
    dynamic: z.boolean().openapi({
      description:
        'Values come from a dataset (e.g. the service catalogue) rather than a fixed list',
    }),
    valueCount: z.number().int(),
    values: z
      .array(z.strictObject({ value: z.string(), label: z.string() }))
      .optional()
      .openapi({
        description: 'Every value in the published rows (omitted for dynamic dimensions)',
      }),
    valuesLink: z
      .string()
      .optional()
      .openapi({ description: 'Where a dynamic dimension’s values are listed' }),
  })
  .openapi('CatalogueDimension');

/** One entry of the indicator catalogue. */
export const CatalogueEntrySchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    unit: unitSchema,
    theme: z.string(),
    keywords: z.array(z.string()),
    frequency: z.string(),
    dimensions: z.array(CatalogueDimensionSchema),
    periods: z.array(z.string()).openapi({ description: 'Months with data, ascending' }),
    version: z.string(),
    lastUpdated: z.string().openapi({ format: 'date-time' }),
    rowCount: z.number().int(),
    links: IndicatorLinksSchema,
  })
  .openapi('CatalogueEntry');

/** `{ data, meta }`: every published indicator. */
export const CatalogueSchema = z
  .strictObject({
    data: z.array(CatalogueEntrySchema),
    meta: z.strictObject({ count: z.number().int(), language: z.enum(LANGUAGES) }),
  })
  .openapi('Catalogue');

/** The body of the catalogue response. */
export type Catalogue = z.infer<typeof CatalogueSchema>;

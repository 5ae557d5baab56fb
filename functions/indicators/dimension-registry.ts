import { z } from 'zod';
import { bilingualSchema } from './indicator-metadata.js';

/** A value of a dimension: lowercase slug (`centro-sul`, `in_person`, `60+`, `true`). */
export const dimensionValueSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_+-]*$/, 'dimension values are lowercase slugs (a-z, 0-9, _, -, +)');

/**
 * Where the values of a dynamic dimension come from: a dataset column holding the value and one
 * column per language holding its label (e.g. `service_id` from the `services` dataset).
 */
export const dynamicValuesSchema = z.strictObject({
  dataset: z.string().min(1),
  value_column: z.string().min(1),
  label_columns: z.strictObject({ 'pt-BR': z.string().min(1), en: z.string().min(1) }),
});

/** One dimension of the registry: its label and either a fixed list of values or a dynamic source. */
export const dimensionEntrySchema = z
  .strictObject({
    label: bilingualSchema,
    description: bilingualSchema.optional(),
    /** Fixed values, in display order, each with its label. */
    values: z.record(dimensionValueSchema, bilingualSchema).optional(),
    /** Values that come from a dataset rather than from this file. */
    dynamic: dynamicValuesSchema.optional(),
  })
  .refine((d) => (d.values === undefined) !== (d.dynamic === undefined), {
    message: 'a dimension declares exactly one of `values` or `dynamic`',
  });

/**
 * The registry of dimension labels, `queries/dimensions.yaml`: the labels of the special values
 * `_T` (total) and `_U` (unknown) and, for every dimension an indicator may use, its label and its
 * values' labels in pt-BR and en. The single source of truth for those labels.
 */
export const dimensionRegistrySchema = z.strictObject({
  special_values: z.strictObject({ _T: bilingualSchema, _U: bilingualSchema }),
  dimensions: z.record(
    z.string().regex(/^[a-z][a-z0-9_]*$/, 'dimension names are snake_case'),
    dimensionEntrySchema,
  ),
});

/** The dimension registry as declared in `queries/dimensions.yaml`. */
export type DimensionRegistry = z.infer<typeof dimensionRegistrySchema>;

/** One dimension of the registry. */
export type DimensionEntry = z.infer<typeof dimensionEntrySchema>;

/** File name of the registry inside the queries folder. */
export const DIMENSION_REGISTRY_FILE = 'dimensions.yaml';

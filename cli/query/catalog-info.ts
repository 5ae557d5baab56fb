import { z } from 'zod';

/** A column of a sandbox view. */
export const catalogColumnSchema = z.object({ name: z.string(), type: z.string() });

/** One view of the analyst catalog. */
export const catalogViewSchema = z.object({
  name: z.string(),
  kind: z.enum(['dataset', 'indicator']),
  /** Dataset name or indicator id (hyphenated). */
  source: z.string(),
  /** What the view holds, for `--describe`. */
  title: z.string(),
  /** The lake files the view reads, relative to the lake folder (a glob for datasets). */
  files: z.string().nullable(),
  /** True when the lake holds no file for it yet (the view exists, with its columns, but no rows). */
  empty: z.boolean(),
  columns: z.array(catalogColumnSchema),
});

/**
 * The sidecar of a catalog file (`catalog-<fingerprint>.json`): what its views are, so a session
 * can suggest names and describe views without binding them.
 */
export const catalogInfoSchema = z.object({
  lakeDir: z.string(),
  fingerprint: z.string(),
  views: z.array(catalogViewSchema),
});

/** A column of a sandbox view. */
export type CatalogColumn = z.infer<typeof catalogColumnSchema>;
/** One view of the analyst catalog. */
export type CatalogView = z.infer<typeof catalogViewSchema>;
/** What a catalog file holds. */
export type CatalogInfo = z.infer<typeof catalogInfoSchema>;

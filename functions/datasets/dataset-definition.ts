import type { z } from 'zod';
import { type ColumnKind, columnKindOf } from './column-types.js';

/**
 * How a new batch relates to the data already held:
 * - `snapshot`: a batch is the whole current state and replaces the previous snapshot
 *   (the DuckDB view holds the current snapshot plus an `as_of` column, the snapshot's month);
 * - `periodic`: rows carry `month`; a batch replaces exactly the rows whose replacement key
 *   values it contains.
 */
export type DatasetKind = 'snapshot' | 'periodic';

/** The shape of a dataset's row schema (column name → column schema). */
export type DatasetShape = Record<string, z.ZodType>;

/** A row of some dataset: column name → value. */
export type AnyRow = Record<string, unknown>;

/**
 * A metric dataset as a data contract; `Row` is the validated row type and `Column` the union
 * of its column names (a separate parameter keeps every definition assignable to the base type).
 */
export interface DatasetDefinition<Row extends AnyRow = AnyRow, Column extends string = string> {
  /** Name in the HTTP API and the lake (`wifi-hotspots`). */
  readonly name: string;
  /** Name of the DuckDB view (`wifi_hotspots`). */
  readonly view: string;
  readonly kind: DatasetKind;
  /** Human title in pt-BR and en. */
  readonly title: { readonly 'pt-BR': string; readonly en: string };
  /** What the dataset is for (en). */
  readonly description: string;
  /**
   * The row as zod schema: the single source of truth for the type, the JSON body's rows and
   * the OpenAPI entry. Unknown columns are rejected.
   */
  readonly rowSchema: z.ZodType<Row>;
  /** The CSV header contract: the columns in their canonical order. */
  readonly columns: readonly Column[];
  /** Each column's kind (CSV decoding, DuckDB type, documentation). */
  readonly columnKinds: { readonly [K in Column]: ColumnKind };
  /**
   * Columns whose values a batch replaces: empty for a snapshot (the whole snapshot is
   * replaced); `month` plus, where several people report separately, their column.
   */
  readonly replacementKey: readonly Column[];
  /** Columns that identify one row; two rows of a batch with the same values are rejected. */
  readonly grain: readonly Column[];
  /**
   * Columns whose values must exist in another dataset's current snapshot: column → name of a
   * snapshot dataset with a one-column grain (e.g. `transactions.service_id` → `services`).
   * Checked when a batch is submitted (not re-checked when the snapshot changes later).
   */
  readonly references: { readonly [K in Column]?: string };
}

/** The validated row type of a dataset definition (distributes over a union of definitions). */
export type RowOf<D> = D extends DatasetDefinition<infer Row, string> ? Row : never;

/** What a dataset file declares; `view`, `columns` and `columnKinds` are derived. */
export interface DatasetSpec<Shape extends DatasetShape> {
  readonly name: string;
  readonly kind: DatasetKind;
  readonly title: { readonly 'pt-BR': string; readonly en: string };
  readonly description: string;
  readonly rowSchema: z.ZodObject<Shape, z.core.$strict>;
  readonly replacementKey: readonly (keyof Shape & string)[];
  readonly grain: readonly (keyof Shape & string)[];
  readonly references?: { readonly [K in keyof Shape & string]?: string };
}

/** The DuckDB view name of a dataset name (hyphens become underscores). */
export const datasetViewName = (name: string): string => name.replaceAll('-', '_');

/**
 * Builds a dataset definition from its spec: the header is the row schema's key order, each
 * column's kind comes from the column helper that built it. Throws on an inconsistent spec
 * (keys outside the columns, a periodic dataset whose replacement key doesn't start with month).
 */
export function defineDataset<Shape extends DatasetShape>(
  spec: DatasetSpec<Shape>,
): DatasetDefinition<z.output<z.ZodObject<Shape, z.core.$strict>>, keyof Shape & string> {
  const columns = Object.keys(spec.rowSchema.shape) as (keyof Shape & string)[];
  const columnKinds = Object.fromEntries(
    columns.map((c) => [c, columnKindOf(spec.rowSchema.shape[c] as z.ZodType)]),
  ) as { [K in keyof Shape & string]: ColumnKind };
  for (const key of [
    ...spec.replacementKey,
    ...spec.grain,
    ...Object.keys(spec.references ?? {}),
  ]) {
    if (!columns.includes(key)) throw new Error(`${spec.name}: ${key} is not a column`);
  }
  if (spec.kind === 'periodic') {
    if (spec.replacementKey[0] !== 'month' || columnKinds[spec.replacementKey[0]] !== 'month') {
      throw new Error(`${spec.name}: a periodic dataset's replacement key starts with month`);
    }
  } else if (spec.replacementKey.length > 0) {
    throw new Error(`${spec.name}: a snapshot is replaced whole; its replacement key is empty`);
  }
  return {
    name: spec.name,
    view: datasetViewName(spec.name),
    kind: spec.kind,
    title: spec.title,
    description: spec.description,
    rowSchema: spec.rowSchema,
    columns,
    columnKinds,
    replacementKey: spec.replacementKey,
    grain: spec.grain,
    references: spec.references ?? {},
  };
}

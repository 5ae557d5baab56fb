import type { ColumnKind } from '../datasets/column-types.js';
import { DATASETS } from '../datasets/datasets.js';
import { FEEDBACK_COLUMNS } from './feedback-record.js';

/** One column of a lake dataset with its DuckDB type. */
export interface LakeColumn {
  readonly name: string;
  readonly type: string;
}

/** How a curated dataset lies in the lake. */
export interface LakeDataset {
  /** Lake and HTTP name, hyphenated (`wifi-hotspots`). */
  readonly name: string;
  /** DuckDB view name, underscored (`wifi_hotspots`). */
  readonly view: string;
  /**
   * `feedback`: exported ratings, one curated Parquet per month; `periodic`: metric rows with a
   * `month`, one Parquet per month; `snapshot`: the current snapshot in one Parquet with `as_of`.
   */
  readonly kind: 'feedback' | 'periodic' | 'snapshot';
  /** Columns of the curated files and of the view, in order (the data contract). */
  readonly columns: readonly LakeColumn[];
  /** Columns of the raw rows (snapshots: without `as_of`, which compaction adds). */
  readonly rawColumns: readonly LakeColumn[];
  /** Replacement-key columns of a metric dataset (empty for feedback and snapshots). */
  readonly replacementKey: readonly string[];
}

/** DuckDB type of each column kind of `functions/datasets`. */
export const DUCKDB_TYPE_OF_KIND: Readonly<Record<ColumnKind, string>> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  enum: 'VARCHAR',
  month: 'VARCHAR',
  integer: 'INTEGER',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
};

const feedbackColumns: LakeColumn[] = FEEDBACK_COLUMNS.map((name) => ({
  name,
  type: name === 'rating' ? 'INTEGER' : 'VARCHAR',
}));

/**
 * Every dataset of the lake (feedback first, then the metric datasets of `functions/datasets`),
 * with the columns and DuckDB types of its curated files, derived from the dataset definitions.
 */
export const LAKE_DATASETS: readonly LakeDataset[] = [
  {
    name: 'feedback',
    view: 'feedback',
    kind: 'feedback',
    columns: feedbackColumns,
    rawColumns: feedbackColumns,
    replacementKey: [],
  },
  ...Object.values(DATASETS).map((d): LakeDataset => {
    const kinds = d.columnKinds as Readonly<Record<string, ColumnKind>>;
    const rawColumns = d.columns.map((name) => ({
      name,
      type: DUCKDB_TYPE_OF_KIND[kinds[name] ?? 'text'],
    }));
    return {
      name: d.name,
      view: d.view,
      kind: d.kind,
      columns:
        d.kind === 'snapshot' ? [...rawColumns, { name: 'as_of', type: 'VARCHAR' }] : rawColumns,
      rawColumns,
      replacementKey: d.replacementKey,
    };
  }),
];

/** The lake dataset of a name; throws for an unknown one. */
export function lakeDataset(name: string): LakeDataset {
  const found = LAKE_DATASETS.find((d) => d.name === name);
  if (!found) throw new Error(`unknown lake dataset ${name}`);
  return found;
}

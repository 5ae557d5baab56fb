import { type ColumnKind, DUCKDB_TYPES } from '../../functions/datasets/column-types.js';
import { DATASETS } from '../../functions/datasets/datasets.js';
import { FEEDBACK_COLUMNS } from '../../functions/lake/feedback-record.js';

/** A column of a dataset view as the data contract declares it. */
export interface ContractColumn {
  readonly name: string;
  /** DuckDB type used when the lake holds no file of the dataset yet (an empty view). */
  readonly type: string;
}

/** How a dataset lies in the curated lake, and the view the analysts query it through. */
export interface DatasetView {
  /** Lake and HTTP name, hyphenated (`wifi-hotspots`). */
  readonly dataset: string;
  /** DuckDB view name, underscored (`wifi_hotspots`). */
  readonly view: string;
  /**
   * `periodic`: `curated/<dataset>/month=YYYY-MM/*.parquet` (hive-partitioned by month);
   * `snapshot`: `curated/<dataset>/current.parquet` with an `as_of` column.
   */
  readonly layout: 'periodic' | 'snapshot';
  /** One line about the dataset, for `--describe`. */
  readonly title: string;
  readonly columns: readonly ContractColumn[];
}

const FEEDBACK_TYPES: Partial<Record<(typeof FEEDBACK_COLUMNS)[number], string>> = {
  rating: 'INTEGER',
};

/**
 * Every dataset view of the analyst sandbox, in a stable order: `feedback` (comments already
 * scrubbed in the curated lake) and the metric datasets of `functions/datasets/`.
 */
export const DATASET_VIEWS: readonly DatasetView[] = [
  {
    dataset: 'feedback',
    view: 'feedback',
    layout: 'periodic',
    title: 'Citizen ratings of the digital services (comments scrubbed)',
    columns: FEEDBACK_COLUMNS.map((name) => ({ name, type: FEEDBACK_TYPES[name] ?? 'VARCHAR' })),
  },
  ...Object.values(DATASETS).map((d): DatasetView => {
    const columns: ContractColumn[] = d.columns.map((name) => ({
      name,
      type: DUCKDB_TYPES[(d.columnKinds as Record<string, ColumnKind>)[name] ?? 'text'],
    }));
    if (d.kind === 'snapshot') columns.push({ name: 'as_of', type: 'VARCHAR' });
    return {
      dataset: d.name,
      view: d.view,
      layout: d.kind,
      title: d.title.en,
      columns,
    };
  }),
];

/** The view name of a published indicator (`user-satisfaction` → `indicator_user_satisfaction`). */
export const indicatorViewName = (indicatorId: string): string =>
  `indicator_${indicatorId.replaceAll('-', '_')}`;

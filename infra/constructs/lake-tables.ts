import { DUCKDB_TYPES } from '../../functions/datasets/column-types.js';
import type { DatasetDefinition } from '../../functions/datasets/dataset-definition.js';
import { DATASETS } from '../../functions/datasets/datasets.js';
import { FEEDBACK_COLUMNS } from '../../functions/lake/feedback-record.js';
import {
  curatedMonthKey,
  curatedPrefix,
  curatedSnapshotKey,
} from '../../functions/shared/lake-layout.js';

/** A DuckDB column type Mirante writes to curated Parquet. */
export type DuckDbType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'DATE';

/** The Glue (Hive) type Athena reads each DuckDB type as. */
export const GLUE_TYPES: Readonly<Record<DuckDbType, string>> = {
  VARCHAR: 'string',
  INTEGER: 'int',
  DOUBLE: 'double',
  BOOLEAN: 'boolean',
  DATE: 'date',
};

/**
 * DuckDB types of the feedback lake columns (the compute's view reads the same types); a new
 * column in `FEEDBACK_COLUMNS` fails the type check here until it is given a type.
 */
export const FEEDBACK_TYPES = {
  id: 'VARCHAR',
  service_id: 'VARCHAR',
  rating: 'INTEGER',
  outcome: 'VARCHAR',
  channel: 'VARCHAR',
  region: 'VARCHAR',
  reason: 'VARCHAR',
  comment: 'VARCHAR',
  received_at: 'VARCHAR',
  collected_at: 'VARCHAR',
  month: 'VARCHAR',
} as const satisfies Record<(typeof FEEDBACK_COLUMNS)[number], DuckDbType>;

/** The month partition key of the curated lake (`month=YYYY-MM`). */
export const MONTH_PARTITION = 'month';

/** Column a snapshot's curated file adds: the month of the snapshot (`YYYY-MM`). */
export const SNAPSHOT_AS_OF = 'as_of';

/** One column of a Glue table. */
export interface GlueColumn {
  readonly name: string;
  readonly type: string;
}

/** A curated dataset as an Athena table. */
export interface LakeTableSpec {
  /** Table name: the DuckDB view name (`wifi_hotspots`). */
  readonly name: string;
  /** The dataset's lake name (`wifi-hotspots`). */
  readonly dataset: string;
  readonly description: string;
  /** Lake key prefix of the table's data (`curated/wifi-hotspots/`). */
  readonly location: string;
  /** Data columns, in file order (the partition key excluded). */
  readonly columns: readonly GlueColumn[];
  /**
   * Key template of one month partition (`curated/feedback/month=${month}/`) for partition
   * projection; undefined for a snapshot (one current.parquet, no partitions).
   */
  readonly monthTemplate: string | undefined;
}

const folderOf = (key: string): string => key.slice(0, key.lastIndexOf('/') + 1);

/** The Glue type of a DuckDB type; throws for a type Athena tables here don't map yet. */
export function glueType(duckDbType: string): string {
  const glue = (GLUE_TYPES as Readonly<Record<string, string>>)[duckDbType];
  if (!glue) throw new Error(`no Glue type for DuckDB type ${duckDbType}: add it to GLUE_TYPES`);
  return glue;
}

const columnsOf = (types: Readonly<Record<string, string>>, names: readonly string[]) =>
  names.map((name): GlueColumn => {
    const duck = types[name];
    if (!duck) throw new Error(`column ${name} has no DuckDB type`);
    return { name, type: glueType(duck) };
  });

/**
 * The Athena tables over the curated lake, derived from the data contracts rather than
 * repeated: feedback from `FEEDBACK_COLUMNS`, each metric dataset from its definition's columns
 * and kinds (through `DUCKDB_TYPES`). Feedback and periodic datasets are partitioned by month
 * (the partition key replaces the `month` column); snapshots are one `current.parquet` with an
 * `as_of` column.
 */
export function lakeTables(): LakeTableSpec[] {
  const monthly = (dataset: string) => folderOf(curatedMonthKey(dataset, `\${${MONTH_PARTITION}}`));
  const feedback: LakeTableSpec = {
    name: 'feedback',
    dataset: 'feedback',
    description: 'Citizen ratings (scrubbed comments), deduplicated, erasures applied',
    location: curatedPrefix('feedback'),
    columns: columnsOf(
      FEEDBACK_TYPES,
      FEEDBACK_COLUMNS.filter((c) => c !== MONTH_PARTITION),
    ),
    monthTemplate: monthly('feedback'),
  };
  const definitions: readonly DatasetDefinition[] = Object.values(DATASETS);
  const metrics = definitions.map((d): LakeTableSpec => {
    const types: Record<string, string> = Object.fromEntries(
      d.columns.map((c) => {
        const kind = d.columnKinds[c];
        if (!kind) throw new Error(`${d.name}.${c} has no column kind`);
        return [c, DUCKDB_TYPES[kind]];
      }),
    );
    if (d.kind === 'periodic') {
      return {
        name: d.view,
        dataset: d.name,
        description: d.description,
        location: curatedPrefix(d.name),
        columns: columnsOf(
          types,
          d.columns.filter((c) => c !== MONTH_PARTITION),
        ),
        monthTemplate: monthly(d.name),
      };
    }
    return {
      name: d.view,
      dataset: d.name,
      description: d.description,
      location: folderOf(curatedSnapshotKey(d.name)),
      columns: [...columnsOf(types, d.columns), { name: SNAPSHOT_AS_OF, type: GLUE_TYPES.VARCHAR }],
      monthTemplate: undefined,
    };
  });
  return [feedback, ...metrics];
}

import { Aws } from 'aws-cdk-lib';
import { type CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { type LakeTableSpec, lakeTables, MONTH_PARTITION } from './lake-tables.js';

/** Properties of {@link LakeGlueTables}. */
export interface LakeGlueTablesProps {
  readonly lake: IBucket;
  /** The Glue database the tables go in (the analysts' database). */
  readonly database: CfnDatabase;
}

/** First month the month partitions are projected from (older months simply hold nothing). */
export const PROJECTION_START = '2015-01';

const PARQUET = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serdeInfo: {
    serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
  },
};

/**
 * One Glue Data Catalog table per curated dataset (Parquet), so Athena can query the same files
 * `mirante query` reads. Month partitions are found by partition projection: nothing has to be
 * crawled or repaired when compute writes a new month.
 */
export class LakeGlueTables extends Construct {
  /** The tables, by name (`feedback`, `wifi_hotspots`, …). */
  readonly tables = new Map<string, CfnTable>();

  constructor(scope: Construct, id: string, props: LakeGlueTablesProps) {
    super(scope, id);
    for (const spec of lakeTables()) {
      const table = new CfnTable(this, spec.name, {
        catalogId: Aws.ACCOUNT_ID,
        // The database's Ref is its name, and makes each table depend on it.
        databaseName: props.database.ref,
        tableInput: tableInput(spec, props.lake.bucketName),
      });
      this.tables.set(spec.name, table);
    }
  }
}

/** The Glue table input of a curated dataset: Parquet, projected month partitions. */
export function tableInput(spec: LakeTableSpec, bucketName: string): CfnTable.TableInputProperty {
  const s3 = (key: string) => `s3://${bucketName}/${key}`;
  const projection: Record<string, string> = spec.monthTemplate
    ? {
        'projection.enabled': 'true',
        [`projection.${MONTH_PARTITION}.type`]: 'date',
        [`projection.${MONTH_PARTITION}.format`]: 'yyyy-MM',
        [`projection.${MONTH_PARTITION}.range`]: `${PROJECTION_START},NOW`,
        [`projection.${MONTH_PARTITION}.interval`]: '1',
        [`projection.${MONTH_PARTITION}.interval.unit`]: 'MONTHS',
        'storage.location.template': s3(spec.monthTemplate),
      }
    : {};
  return {
    name: spec.name,
    description: spec.description,
    tableType: 'EXTERNAL_TABLE',
    parameters: { classification: 'parquet', EXTERNAL: 'TRUE', ...projection },
    partitionKeys: spec.monthTemplate ? [{ name: MONTH_PARTITION, type: 'string' }] : [],
    storageDescriptor: {
      location: s3(spec.location),
      columns: spec.columns.map((c) => ({ name: c.name, type: c.type })),
      ...PARQUET,
    },
  };
}

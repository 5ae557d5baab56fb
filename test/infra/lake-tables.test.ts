import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnKind } from '../../functions/datasets/column-types.js';
import type { DatasetDefinition } from '../../functions/datasets/dataset-definition.js';
import { DATASETS } from '../../functions/datasets/datasets.js';
import { FEEDBACK_COLUMNS } from '../../functions/lake/feedback-record.js';
import { curatedMonthKey, curatedSnapshotKey } from '../../functions/shared/lake-layout.js';
import { PROJECTION_START } from '../../infra/constructs/lake-glue-tables.js';
import { glueType, lakeTables } from '../../infra/constructs/lake-tables.js';
import type { MiranteStack } from '../../infra/mirante-stack.js';
import { buildMiranteStack, logicalIdOf } from './build-mirante-stack.js';
import type { TemplateJson } from './iam-statements.js';

/** How Athena must read each column kind, written out independently of the infra mapping. */
const EXPECTED_GLUE: Record<ColumnKind, string> = {
  id: 'string',
  text: 'string',
  enum: 'string',
  month: 'string',
  integer: 'int',
  decimal: 'double',
  boolean: 'boolean',
  date: 'date',
};

const definitions: readonly DatasetDefinition[] = Object.values(DATASETS);

describe('the Athena tables derived from the data contracts', () => {
  const tables = new Map(lakeTables().map((t) => [t.name, t]));

  it('are one per dataset plus feedback, named like the DuckDB views', () => {
    expect([...tables.keys()].sort()).toEqual(
      ['feedback', ...definitions.map((d) => d.view)].sort(),
    );
    expect(tables.has('wifi_hotspots')).toBe(true);
  });

  it('have each dataset column with the Glue type of its kind; months are partitions', () => {
    for (const d of definitions) {
      const table = tables.get(d.view);
      const expected = d.columns
        .filter((c) => d.kind === 'snapshot' || c !== 'month')
        .map((c) => ({ name: c, type: EXPECTED_GLUE[d.columnKinds[c] as ColumnKind] }));
      if (d.kind === 'snapshot') expected.push({ name: 'as_of', type: 'string' });
      expect(table?.columns, d.name).toEqual(expected);
      expect(table?.monthTemplate !== undefined, d.name).toBe(d.kind === 'periodic');
    }
    expect(tables.get('device_donations')?.columns.find((c) => c.name === 'quantity')?.type).toBe(
      'int',
    );
    expect(tables.get('wifi_hotspots')?.columns.find((c) => c.name === 'latitude')?.type).toBe(
      'double',
    );
  });

  it('read feedback with the export columns, rating as a number, month as the partition', () => {
    const feedback = tables.get('feedback');
    expect(feedback?.columns.map((c) => c.name)).toEqual(
      FEEDBACK_COLUMNS.filter((c) => c !== 'month'),
    );
    expect(feedback?.columns.find((c) => c.name === 'rating')?.type).toBe('int');
    expect(feedback?.columns.find((c) => c.name === 'comment')?.type).toBe('string');
  });

  it('point at the curated lake layout (lake-layout.ts)', () => {
    expect(tables.get('feedback')?.monthTemplate).toBe(
      curatedMonthKey('feedback', `\${month}`).replace(/data\.parquet$/, ''),
    );
    expect(tables.get('wifi_reach')?.location).toBe('curated/wifi-reach/');
    expect(`${tables.get('services')?.location}current.parquet`).toBe(
      curatedSnapshotKey('services'),
    );
  });

  it('refuse a DuckDB type they cannot map', () => {
    expect(glueType('INTEGER')).toBe('int');
    expect(() => glueType('HUGEINT')).toThrow(/no Glue type for DuckDB type HUGEINT/);
  });
});

describe('in the stack', () => {
  let stack: MiranteStack;
  let template: Template;
  let json: TemplateJson;

  beforeAll(() => {
    stack = buildMiranteStack('dev', { athenaScanLimitMb: '2048' }).stack;
    template = Template.fromStack(stack);
    json = template.toJSON() as TemplateJson;
  });

  it('live in the analysts’ Glue database, over the lake bucket, with month projection', () => {
    const glueTables = Object.values(json.Resources).filter((r) => r.Type === 'AWS::Glue::Table');
    expect(glueTables).toHaveLength(lakeTables().length);
    const databaseRef = { Ref: logicalIdOf(stack.analysts.database) };
    const lakeRef = { Ref: logicalIdOf(stack.platform.storage.lake) };
    for (const t of glueTables) expect(t.Properties?.DatabaseName).toEqual(databaseRef);
    const inputOf = (name: string): unknown => {
      const found = glueTables.find(
        (t) => (t.Properties?.TableInput as { Name?: string } | undefined)?.Name === name,
      );
      if (!found?.Properties) throw new Error(`no table ${name}`);
      return found.Properties.TableInput;
    };
    const feedback = inputOf('feedback') as {
      Parameters: Record<string, unknown>;
      PartitionKeys: unknown[];
      StorageDescriptor: { Location: unknown; SerdeInfo: { SerializationLibrary: string } };
    };
    expect(feedback.PartitionKeys).toEqual([{ Name: 'month', Type: 'string' }]);
    expect(feedback.Parameters).toMatchObject({
      classification: 'parquet',
      'projection.enabled': 'true',
      'projection.month.type': 'date',
      'projection.month.format': 'yyyy-MM',
      'projection.month.range': `${PROJECTION_START},NOW`,
      'projection.month.interval.unit': 'MONTHS',
    });
    expect(feedback.Parameters['storage.location.template']).toEqual({
      'Fn::Join': ['', ['s3://', lakeRef, `/curated/feedback/month=\${month}/`]],
    });
    expect(feedback.StorageDescriptor.SerdeInfo.SerializationLibrary).toMatch(/ParquetHiveSerDe$/);
    const services = inputOf('services') as {
      PartitionKeys: unknown[];
      Parameters: Record<string, unknown>;
    };
    expect(services.PartitionKeys).toEqual([]);
    expect(services.Parameters['projection.enabled']).toBeUndefined();
  });

  it('are queried in an enforced workgroup with encrypted results and the configured scan cap', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 2048 * 1024 * 1024,
        ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } },
      },
    });
    const results = json.Resources[logicalIdOf(stack.analysts.resultsBucket)]?.Properties;
    expect(results?.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalIdOf(stack.platform.storage.accessLogs) },
      LogFilePrefix: 'athena-results/',
    });
  });
});

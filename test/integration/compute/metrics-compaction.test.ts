import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listObjects } from '../../../functions/compute/lake-sync.js';
import type { IndicatorDefinition } from '../../../functions/indicators/indicator-metadata.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import { metricBatchKey } from '../../../functions/shared/table-keys.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';
import {
  cell,
  curatedRows,
  publishedDocument,
  runCompute,
  writeMetricBatch,
} from './compute-fixtures.js';

const NOW = new Date('2025-06-10T12:00:00.000Z');

let stack: TestStack;
let indicators: IndicatorDefinition[];

const reach = (month: string, region: string, unique_users: number) => ({
  month,
  region,
  unique_users,
  sessions: unique_users * 3,
});
const tx = (month: string, service_id: string, channel: string, completed: number) => ({
  month,
  service_id,
  channel,
  completed,
});

beforeAll(async () => {
  stack = await startTestStack();
  const all = await loadIndicators('queries', { minCellFloor: 10 });
  indicators = all.filter((d) =>
    ['wifi-reach', 'digital-take-up', 'telecentros'].includes(d.metadata.id),
  );
});
afterAll(async () => stack.close());

describe('metric dataset compaction', () => {
  it('keeps, for each replacement key, the rows of the batch in force', async () => {
    await writeMetricBatch(
      stack,
      'transactions',
      [
        tx('2025-04', 'svc-1', 'web', 80),
        tx('2025-04', 'svc-1', 'phone', 20),
        tx('2025-04', 'svc-2', 'web', 10),
        tx('2025-05', 'svc-1', 'web', 90),
      ],
      { activatedAt: '2025-05-02T10:00:00.000Z' },
    );
    // A correction of svc-1 in April only: replaces those rows, keeps svc-2 and May.
    await writeMetricBatch(
      stack,
      'transactions',
      [tx('2025-04', 'svc-1', 'web', 50), tx('2025-04', 'svc-1', 'app', 50)],
      {
        activatedAt: '2025-05-03T10:00:00.000Z',
      },
    );
    const result = await runCompute(stack, indicators, { now: NOW });
    expect(result.compaction.compacted).toContain('transactions');
    expect(await curatedRows(stack, 'transactions')).toEqual([
      tx('2025-04', 'svc-1', 'app', 50),
      tx('2025-04', 'svc-1', 'web', 50),
      tx('2025-04', 'svc-2', 'web', 10),
      tx('2025-05', 'svc-1', 'web', 90),
    ]);
    const keys = (
      await listObjects(stack.clients.s3, stack.config.lakeBucket, 'curated/transactions/')
    ).map((o) => o.key);
    expect(keys).toEqual([
      'curated/transactions/month=2025-04/data.parquet',
      'curated/transactions/month=2025-05/data.parquet',
    ]);
    const takeUp = await publishedDocument(stack, 'digital-take-up');
    expect(cell(takeUp!, '2025-04')).toMatchObject({ n: 110, digital: 110, value: 100 });
  });

  it('gives a snapshot its as_of month and replaces it whole', async () => {
    const centre = {
      telecentro_id: 'tc-1',
      name: 'Centro',
      region: 'centro-sul',
      host_type: 'ngo',
      opened_on: '2020-01-15',
    };
    await writeMetricBatch(stack, 'telecentros', [centre], {
      activatedAt: '2025-04-30T12:00:00.000Z',
    });
    await writeMetricBatch(
      stack,
      'telecentros',
      [centre, { ...centre, telecentro_id: 'tc-2', name: 'Barreiro', region: 'barreiro' }],
      { activatedAt: '2025-05-31T12:00:00.000Z' },
    );
    await runCompute(stack, indicators, { now: NOW });
    expect(await curatedRows(stack, 'telecentros')).toEqual([
      { ...centre, as_of: '2025-05' },
      { ...centre, telecentro_id: 'tc-2', name: 'Barreiro', region: 'barreiro', as_of: '2025-05' },
    ]);
    const doc = await publishedDocument(stack, 'telecentros');
    expect(cell(doc!, '2025-05')).toMatchObject({ value: 2 });
  });

  it('drops a retracted batch and empties months left without rows', async () => {
    const batch = await writeMetricBatch(
      stack,
      'wifi-reach',
      [reach('2025-05', 'norte', 40), reach('2025-05', 'leste', 60)],
      {
        activatedAt: '2025-06-01T10:00:00.000Z',
      },
    );
    await writeMetricBatch(stack, 'wifi-reach', [reach('2025-04', 'norte', 30)], {
      activatedAt: '2025-05-01T10:00:00.000Z',
    });
    await runCompute(stack, indicators, { now: NOW });
    expect(cell((await publishedDocument(stack, 'wifi-reach'))!, '2025-05')).toMatchObject({
      value: 100,
      sessions: 300,
    });

    await stack.clients.doc.send(
      new UpdateCommand({
        TableName: stack.config.tableName,
        Key: metricBatchKey('wifi-reach', batch.batchId),
        UpdateExpression: 'SET retracted_at = :t',
        ExpressionAttributeValues: { ':t': '2025-06-05T10:00:00.000Z' },
      }),
    );
    const result = await runCompute(stack, indicators, { now: NOW });
    expect(result.outcomes.find((o) => o.id === 'wifi-reach')?.status).toBe('published');
    expect(await curatedRows(stack, 'wifi-reach')).toEqual([reach('2025-04', 'norte', 30)]);
    const keys = (
      await listObjects(stack.clients.s3, stack.config.lakeBucket, 'curated/wifi-reach/')
    ).map((o) => o.key);
    // May has no rows left: its file is emptied (compute may not delete) and leaves the inputs.
    expect(keys).toEqual([
      'curated/wifi-reach/month=2025-04/data.parquet',
      'curated/wifi-reach/month=2025-05/data.parquet',
    ]);
    const doc = await publishedDocument(stack, 'wifi-reach');
    expect(cell(doc!, '2025-05')).toBeUndefined();
    expect(doc?.receipt.inputs).toEqual([{ key: keys[0], etag: expect.any(String), rows: 1 }]);
  });

  it('reports a batch in force whose rows are missing, and keeps the previous files', async () => {
    const record = await writeMetricBatch(stack, 'wifi-reach', [reach('2025-05', 'oeste', 5)], {
      activatedAt: '2025-06-06T10:00:00.000Z',
      batchId: 'missing-rows',
    });
    const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
    await stack.clients.s3.send(
      new DeleteObjectCommand({ Bucket: stack.config.lakeBucket, Key: record.rawKey }),
    );
    const result = await runCompute(stack, indicators, { now: NOW });
    expect(result.compaction.failed).toEqual(['wifi-reach']);
    expect(result.outcomes.find((o) => o.id === 'wifi-reach')).toMatchObject({ status: 'failed' });
    expect(result.outcomes.find((o) => o.id === 'digital-take-up')?.status).toBe('unchanged');
    expect(await curatedRows(stack, 'wifi-reach')).toEqual([reach('2025-04', 'norte', 30)]);
  });
});

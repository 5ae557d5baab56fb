import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComputeResult } from '../../../functions/compute/compute-indicators.js';
import { listObjects } from '../../../functions/compute/lake-sync.js';
import type { IndicatorDefinition } from '../../../functions/indicators/indicator-metadata.js';
import { loadDimensionRegistry } from '../../../functions/indicators/load-dimension-registry.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import { listVersions } from '../../../functions/publish/manifest.js';
import {
  COMPACTION_STATE_KEY,
  FEEDBACK_ID_INDEX_MANIFEST_KEY,
  rawTombstoneKey,
} from '../../../functions/shared/lake-layout.js';
import { manifestKey } from '../../../functions/shared/table-keys.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';
import {
  cell,
  curatedRows,
  publishedDocument,
  rating,
  ratings,
  readObject,
  runCompute,
  writeBucket,
  writeMetricBatch,
} from './compute-fixtures.js';

const NOW = new Date('2025-03-20T12:00:00.000Z');
const LATER_SAME_MONTH = new Date('2025-03-28T09:00:00.000Z');
const FEBRUARY = '2025-02-14T15:00:00.000Z';

let stack: TestStack;
let indicators: IndicatorDefinition[];
const registry = loadDimensionRegistry('queries/dimensions.yaml');

/** Counts the S3 commands sent while `fn` runs. */
async function countS3Commands<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; counts: Record<string, number> }> {
  const counts: Record<string, number> = {};
  const name = `count-${Math.random()}`;
  stack.clients.s3.middlewareStack.add(
    (next, context) => async (args) => {
      counts[context.commandName as string] = (counts[context.commandName as string] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    return { result: await fn(), counts };
  } finally {
    stack.clients.s3.middlewareStack.remove(name);
  }
}

const statuses = (result: ComputeResult) =>
  Object.fromEntries(result.outcomes.map((o) => [o.id, o.status]));

beforeAll(async () => {
  stack = await startTestStack();
  indicators = await loadIndicators('queries', { minCellFloor: 10 });
  // February: 12 ratings; March: 15 in one bucket, 5 more plus 3 repeats of March ids in another.
  await writeBucket(
    stack,
    '20250214T180000Z',
    ratings('feb', 12, {
      collected_at: FEBRUARY,
      received_at: FEBRUARY,
      month: '2025-02',
      rating: 2,
    }),
  );
  await writeBucket(stack, '20250310T180000Z', ratings('mar', 15));
  await writeBucket(stack, '20250311T180000Z', [
    ...ratings('mar', 3, { received_at: '2025-03-11T18:00:01.000Z' }),
    ...ratings('late', 5, { rating: 5 }),
  ]);
  await writeMetricBatch(
    stack,
    'services',
    [
      {
        service_id: 'svc-0001',
        name_pt: 'IPTU',
        name_en: 'Property tax',
        category: 'tributos',
        digital_level: 'full',
      },
      {
        service_id: 'svc-0002',
        name_pt: 'Alvará',
        name_en: 'Permit',
        category: 'licenciamento',
        digital_level: 'partial',
      },
    ],
    { activatedAt: '2025-03-01T12:00:00.000Z' },
  );
});
afterAll(async () => stack.close());

describe('compute over the curated lake', () => {
  let first: ComputeResult;

  it('compacts raw buckets into curated months, deduplicated, and publishes every indicator', async () => {
    first = await runCompute(stack, indicators, { now: NOW, registry: await registry });
    expect(first.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(Object.values(statuses(first))).toEqual(indicators.map(() => 'published'));
    expect(first.compaction.feedbackMonthsWritten).toEqual(['2025-02', '2025-03']);

    const rows = await curatedRows(stack, 'feedback', 'id');
    expect(rows).toHaveLength(12 + 15 + 5);
    // The first received copy of a repeated id is kept.
    expect(rows.find((r) => r.id === 'mar-1')?.received_at).toBe('2025-03-10T15:00:00.000Z');
    const keys = (await listObjects(stack.clients.s3, stack.config.lakeBucket, 'curated/')).map(
      (o) => o.key,
    );
    expect(keys).toEqual(
      expect.arrayContaining([
        'curated/feedback/month=2025-02/data.parquet',
        'curated/feedback/month=2025-03/data.parquet',
        'curated/services/current.parquet',
        COMPACTION_STATE_KEY,
        'curated/_index/feedback-ids/index.json',
      ]),
    );

    const satisfaction = await publishedDocument(stack, 'user-satisfaction');
    expect(cell(satisfaction!, '2025-03')).toMatchObject({
      n: 20,
      status: 'p',
      rating_4: 15,
      rating_5: 5,
    });
    expect(cell(satisfaction!, '2025-02')).toMatchObject({ n: 12, value: 0.25, status: '' });
    expect(satisfaction?.receipt.inputs).toEqual([
      { key: 'curated/feedback/month=2025-02/data.parquet', etag: expect.any(String), rows: 12 },
      { key: 'curated/feedback/month=2025-03/data.parquet', etag: expect.any(String), rows: 20 },
    ]);
    const share = await publishedDocument(stack, 'digital-services-share');
    expect(cell(share!, '2025-03')).toMatchObject({ value: 50, n: 2, status: 'p' });
    // Datasets without data give empty results, not failures.
    expect((await publishedDocument(stack, 'wifi-reach'))?.data).toEqual([]);
  });

  it('publishes Parquet beside JSON and CSV', async () => {
    const versions = await listVersions(
      stack.clients.doc,
      stack.config.tableName,
      'user-satisfaction',
    );
    expect(versions[0]?.parquetKey).toMatch(
      /^published\/indicators\/user-satisfaction\/[0-9a-f]{16}\.parquet$/,
    );
  });

  it('costs a listing, the state read and the manifest read when nothing is new', async () => {
    const { result, counts } = await countS3Commands(() =>
      runCompute(stack, indicators, { now: LATER_SAME_MONTH, registry: undefined }),
    );
    expect(Object.values(statuses(result))).toEqual(indicators.map(() => 'unchanged'));
    expect(counts).toEqual({ ListObjectsV2Command: 1, GetObjectCommand: 1 });
  });

  it('rewrites only the month a new bucket touches and recomputes only what reads it', async () => {
    await writeBucket(stack, '20250319T180000Z', ratings('new', 4, { rating: 1 }));
    const { result, counts } = await countS3Commands(() =>
      runCompute(stack, indicators, { now: NOW, registry: undefined }),
    );
    expect(result.compaction.feedbackMonthsWritten).toEqual(['2025-03']);
    const published = result.outcomes.filter((o) => o.status === 'published').map((o) => o.id);
    expect(published).toEqual(['completion-rate', 'feedback-volume', 'user-satisfaction']);
    // The state, the March month, its id shard and the index manifest; 3 files per indicator.
    expect(counts.PutObjectCommand).toBe(4 + 3 * 3);
    const satisfaction = await publishedDocument(stack, 'user-satisfaction');
    expect(cell(satisfaction!, '2025-03')).toMatchObject({ n: 24, rating_1: 4 });
    expect(cell(satisfaction!, '2025-02')).toMatchObject({ n: 12 });
  });

  it('gives byte-identical files and the same version ids for the same inputs', async () => {
    const before = await listObjects(stack.clients.s3, stack.config.lakeBucket, 'published/');
    const curatedBefore = await listObjects(
      stack.clients.s3,
      stack.config.lakeBucket,
      'curated/feedback/',
    );
    const versionsBefore = await Promise.all(
      indicators.map(async (d) => (await publishedDocument(stack, d.metadata.id))?.receipt.version),
    );
    // Forget everything derived: the manifests, the compaction state and the curated files.
    for (const d of indicators) {
      await stack.clients.doc.send(
        new DeleteCommand({ TableName: stack.config.tableName, Key: manifestKey(d.metadata.id) }),
      );
    }
    for (const o of await listObjects(stack.clients.s3, stack.config.lakeBucket, 'curated/')) {
      await stack.clients.s3.send(
        new DeleteObjectCommand({ Bucket: stack.config.lakeBucket, Key: o.key }),
      );
    }
    const again = await runCompute(stack, indicators, {
      now: LATER_SAME_MONTH,
      registry: await registry,
    });
    expect(Object.values(statuses(again))).toEqual(indicators.map(() => 'published'));
    const versionsAfter = await Promise.all(
      indicators.map(async (d) => (await publishedDocument(stack, d.metadata.id))?.receipt.version),
    );
    expect(versionsAfter).toEqual(versionsBefore);
    expect(
      await listObjects(stack.clients.s3, stack.config.lakeBucket, 'curated/feedback/'),
    ).toEqual(curatedBefore);
    expect(await listObjects(stack.clients.s3, stack.config.lakeBucket, 'published/')).toEqual(
      before,
    );
  });

  it('recomputes every indicator when the month changes (the p status moves)', async () => {
    const april = await runCompute(stack, indicators, {
      now: new Date('2025-04-02T12:00:00.000Z'),
    });
    const satisfaction = await publishedDocument(stack, 'user-satisfaction');
    expect(statuses(april)['user-satisfaction']).toBe('published');
    expect(cell(satisfaction!, '2025-03')?.status).toBe('');
  });

  it('keeps a rating collected in one month and repeated in another only once', async () => {
    await writeBucket(stack, '20250402T120000Z', [
      rating('feb-1', {
        collected_at: '2025-04-02T11:00:00.000Z',
        received_at: '2025-04-02T11:00:00.000Z',
        month: '2025-04',
      }),
    ]);
    const result = await runCompute(stack, indicators, {
      now: new Date('2025-04-02T12:00:00.000Z'),
    });
    // April got nothing new (its only row is a later copy of a February rating).
    expect(result.compaction.feedbackMonthsWritten).toEqual([]);
    const rows = await curatedRows(stack, 'feedback', 'id');
    expect(rows.filter((r) => r.id === 'feb-1')).toEqual([
      expect.objectContaining({ month: '2025-02' }),
    ]);
    expect(rows).toHaveLength(12 + 20 + 4);
  });

  it('empties a month whose every rating was erased, and drops it from the inputs and the index', async () => {
    const at = '2025-01-20T15:00:00.000Z';
    await writeBucket(
      stack,
      '20250120T180000Z',
      ratings('jan', 2, { collected_at: at, received_at: at, month: '2025-01' }),
    );
    await runCompute(stack, indicators, { now: new Date('2025-04-02T12:00:00.000Z') });
    expect(await curatedRows(stack, 'feedback', 'id')).toHaveLength(12 + 20 + 4 + 2);
    for (const id of ['jan-1', 'jan-2']) {
      await stack.clients.s3.send(
        new PutObjectCommand({
          Bucket: stack.config.lakeBucket,
          Key: rawTombstoneKey(id),
          Body: JSON.stringify({ id, deleted_at: '2025-04-02T12:30:00.000Z' }),
        }),
      );
    }
    const result = await runCompute(stack, indicators, {
      now: new Date('2025-04-02T13:00:00.000Z'),
    });
    expect(result.compaction.feedbackMonthsWritten).toEqual(['2025-01']);
    expect(await curatedRows(stack, 'feedback', 'id')).toHaveLength(12 + 20 + 4);
    const keys = (
      await listObjects(stack.clients.s3, stack.config.lakeBucket, 'curated/feedback/')
    ).map((o) => o.key);
    expect(keys).toContain('curated/feedback/month=2025-01/data.parquet');
    const satisfaction = await publishedDocument(stack, 'user-satisfaction');
    expect(satisfaction?.receipt.inputs.map((i) => i.key)).not.toContain(
      'curated/feedback/month=2025-01/data.parquet',
    );
    const index = JSON.parse(
      await readObject(stack.clients.s3, stack.config.lakeBucket, FEEDBACK_ID_INDEX_MANIFEST_KEY),
    ) as { months: Record<string, number> };
    expect(Object.keys(index.months)).toEqual(['2025-02', '2025-03']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCompactionState } from '../../../functions/compute/compaction-state.js';
import { listObjects } from '../../../functions/compute/lake-sync.js';
import type { IndicatorDefinition } from '../../../functions/indicators/indicator-metadata.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import { listManifests, listVersions } from '../../../functions/publish/manifest.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';
import {
  cell,
  curatedRows,
  publishedDocument,
  ratings,
  runCompute,
  stopS3AfterPut,
  writeBucket,
  writeMetricBatch,
} from './compute-fixtures.js';

const NOW = new Date('2025-03-20T12:00:00.000Z');

let stack: TestStack;
let indicators: IndicatorDefinition[];

/** Indicator id → the version its manifest points at. */
async function manifestVersions(): Promise<Record<string, string>> {
  const manifests = await listManifests(stack.clients.doc, stack.config.tableName);
  return Object.fromEntries(manifests.map((m) => [m.indicatorId, m.version]).sort());
}

/**
 * Nothing is half-published: every manifest and every version record names a JSON, a CSV and a
 * Parquet file that all exist. (An interrupted attempt may leave files no record names; readers
 * can't reach them, and the retry rewrites them with the same bytes under the same keys.)
 */
async function expectNothingHalfPublished(): Promise<void> {
  const keys = new Set(
    (await listObjects(stack.clients.s3, stack.config.lakeBucket, 'published/')).map((o) => o.key),
  );
  const records = [
    ...(await listManifests(stack.clients.doc, stack.config.tableName)),
    ...(
      await Promise.all(
        indicators.map((d) =>
          listVersions(stack.clients.doc, stack.config.tableName, d.metadata.id),
        ),
      )
    ).flat(),
  ];
  expect(records.length).toBeGreaterThan(indicators.length);
  for (const record of records) {
    expect(
      [record.jsonKey, record.csvKey, record.parquetKey].filter((k) => !keys.has(k ?? '')),
    ).toEqual([]);
  }
}

beforeAll(async () => {
  stack = await startTestStack();
  indicators = (await loadIndicators('queries', { minCellFloor: 10 })).filter((d) =>
    ['user-satisfaction', 'feedback-volume', 'digital-services-share'].includes(d.metadata.id),
  );
  await writeBucket(stack, '20250310T180000Z', ratings('a', 12));
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
    ],
    { activatedAt: '2025-03-01T12:00:00.000Z' },
  );
  await runCompute(stack, indicators, { now: NOW });
});
afterAll(async () => stack.close());

describe('an S3 outage in the middle of compute', () => {
  it('during compaction: nothing moves, and the next run catches up', async () => {
    const before = await manifestVersions();
    const state = await readCompactionState(stack.clients.s3, stack.config.lakeBucket);
    await writeBucket(stack, '20250311T180000Z', ratings('b', 6));
    const trap = stopS3AfterPut(stack, (key) => key.startsWith('curated/'));
    try {
      await runCompute(stack, indicators, { now: NOW }).then(
        (result) =>
          expect(
            result.outcomes.filter((o) => o.status !== 'unchanged').map((o) => o.status),
          ).not.toContain('published'),
        () => undefined,
      );
    } finally {
      trap.release();
      await stack.restartS3();
    }
    expect(trap.tripped()).toBeDefined();
    expect(await manifestVersions()).toEqual(before);
    expect(await readCompactionState(stack.clients.s3, stack.config.lakeBucket)).toEqual(state);
    await expectNothingHalfPublished();

    const result = await runCompute(stack, indicators, { now: NOW });
    expect(result.outcomes.find((o) => o.id === 'user-satisfaction')?.status).toBe('published');
    expect(await curatedRows(stack, 'feedback')).toHaveLength(18);
    expect(cell((await publishedDocument(stack, 'user-satisfaction'))!, '2025-03')).toMatchObject({
      n: 18,
    });
  });

  it('during publication: the manifest keeps the previous version until every file is written', async () => {
    const before = await manifestVersions();
    await writeBucket(stack, '20250312T180000Z', ratings('c', 4));
    // S3 stops as the first published file is sent: that file is never written.
    const trap = stopS3AfterPut(stack, (key) => key.startsWith('published/'), 'before');
    try {
      await runCompute(stack, indicators, { now: NOW }).catch(() => undefined);
    } finally {
      trap.release();
      await stack.restartS3();
    }
    expect(trap.tripped()).toBeDefined();
    // The indicator whose file tripped the outage keeps its previous version (its other files
    // may have been written, but the manifest doesn't move); others may have completed their
    // publication on connections already open, never half of it.
    const interrupted = /^published\/indicators\/([^/]+)\//.exec(trap.tripped() ?? '')?.[1];
    expect(interrupted).toBeDefined();
    expect((await manifestVersions())[interrupted as string]).toBe(before[interrupted as string]);
    await expectNothingHalfPublished();

    const result = await runCompute(stack, indicators, { now: NOW });
    expect(result.outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    expect(cell((await publishedDocument(stack, 'user-satisfaction'))!, '2025-03')).toMatchObject({
      n: 22,
    });
    expect(await curatedRows(stack, 'feedback')).toHaveLength(22);
    await expectNothingHalfPublished();
  });
});

import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedLocalStackSummary, seedLocalStack } from '../../../cli/seed-local-stack.js';
import { resolveBatches } from '../../../functions/datasets/batch-states.js';
import { DATASET_NAMES } from '../../../functions/datasets/datasets.js';
import { listBatchRecords } from '../../../functions/datasets/metric-batch-record.js';
import { exportFeedback } from '../../../functions/export/export-feedback.js';
import { writeFeedbackBucket } from '../../../functions/lake/write-feedback-bucket.js';
import { SEED_SUBMITTER } from '../../../functions/seed/load-demo-metrics.js';
import { writeSeedMarker } from '../../../functions/seed/seed-marker.js';
import { RAW_FEEDBACK_PREFIX } from '../../../functions/shared/lake-layout.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';

const RATINGS = 3000;
let stack: TestStack;
let seeded: Extract<SeedLocalStackSummary, { status: 'seeded' }>;
const printed: string[] = [];

async function keys(s: TestStack, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await s.clients.s3.send(
      new ListObjectsV2Command({
        Bucket: s.config.lakeBucket,
        Prefix: prefix,
        ContinuationToken: token,
      }),
    );
    for (const o of page.Contents ?? []) if (o.Key) out.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out.sort();
}

async function feedbackItems(s: TestStack) {
  const out = await s.clients.doc.send(
    new ScanCommand({
      TableName: s.config.tableName,
      FilterExpression: 'begins_with(pk, :p)',
      ExpressionAttributeValues: { ':p': 'FEEDBACK#' },
    }),
  );
  return out.Items ?? [];
}

const seed = (s: TestStack, ratings = RATINGS) =>
  seedLocalStack(s, {
    print: (l) => printed.push(l),
    logger: silentLogger,
    ratings,
    stream: { isTTY: false, write: () => true },
  });

beforeAll(async () => {
  stack = await startTestStack();
  const summary = await seed(stack);
  if (summary.status !== 'seeded') throw new Error(`not seeded: ${JSON.stringify(summary)}`);
  seeded = summary;
});
afterAll(async () => stack.close());

describe('seedLocalStack', () => {
  it('loads every dataset through the ingest path, catalogue first, all current', async () => {
    expect(seeded.datasets).toMatchObject({
      services: { batches: 1, rows: 1400 },
      'wifi-hotspots': { batches: 1, rows: 4000 },
      telecentros: { batches: 1, rows: 150 },
      transactions: { batches: 24 },
      'wifi-reach': { batches: 24, rows: 216 },
      'device-donations': { batches: 24 },
      'course-certifications': { batches: 24 },
    });
    for (const name of DATASET_NAMES) {
      const records = await listBatchRecords(stack.clients.doc, stack.config.tableName, name);
      expect(records).toHaveLength(seeded.datasets[name].batches);
      expect(records.every((r) => r.submitter === SEED_SUBMITTER)).toBe(true);
      const states = [...resolveBatches(records).states.values()];
      expect(states.every((s) => s === 'current')).toBe(true);
      expect(records.reduce((a, r) => a + r.rows, 0)).toBe(seeded.datasets[name].rows);
    }
    expect(seeded.city).toMatchObject({
      services: 1400,
      fullyDigitalServices: 1000,
      telecentros: 150,
    });
  });

  it('writes the history as day buckets before the export watermark, every rating once', async () => {
    const bucketKeys = await keys(stack, RAW_FEEDBACK_PREFIX);
    expect(bucketKeys).toHaveLength(seeded.ratings.historyBuckets);
    expect(bucketKeys.length).toBeGreaterThan(700); // 24 full months and a bit, one per day
    const ids = new Set<string>();
    let rows = 0;
    for (const key of bucketKeys) {
      const bucketId = /bucket=([^/]+)\//.exec(key)?.[1] as string;
      expect(bucketId).toMatch(/^\d{8}T000000Z$/);
      expect(bucketId < seeded.exportWatermark).toBe(true);
      const body = await stack.clients.s3.send(
        new GetObjectCommand({ Bucket: stack.config.lakeBucket, Key: key }),
      );
      const lines = gunzipSync((await body.Body?.transformToByteArray()) as Uint8Array)
        .toString('utf8')
        .split('\n')
        .filter(Boolean);
      for (const line of lines) {
        const r = JSON.parse(line) as { id: string; received_at: string };
        expect(r.received_at.slice(0, 10).replaceAll('-', '')).toBe(bucketId.slice(0, 8));
        ids.add(r.id);
        rows++;
      }
    }
    expect(rows).toBe(seeded.ratings.history);
    expect(ids.size).toBe(rows);
    expect(seeded.ratings.history + seeded.ratings.recent).toBe(RATINGS);
  });

  it('loads the last day through the feedback path, and the export then writes it after the watermark', async () => {
    expect(seeded.ratings.recent).toBeGreaterThan(0);
    expect(seeded.ratings.recentAccepted).toBe(seeded.ratings.recent);
    expect(await feedbackItems(stack)).toHaveLength(seeded.ratings.recent);
    const before = await keys(stack, RAW_FEEDBACK_PREFIX);
    const exported = await exportFeedback({
      doc: stack.clients.doc,
      s3: stack.clients.s3,
      config: stack.config,
      now: () => new Date(Date.now() + 60_000),
      logger: silentLogger,
    });
    expect(exported.rows).toBe(seeded.ratings.recent);
    for (const id of exported.buckets) {
      expect(id > seeded.exportWatermark).toBe(true);
      expect(before.some((k) => k.includes(`bucket=${id}/`))).toBe(false);
    }
    expect(await keys(stack, RAW_FEEDBACK_PREFIX)).toHaveLength(
      before.length + exported.buckets.length,
    );
  });

  it('reports progress as plain lines when not on a terminal, then the summary', () => {
    expect(printed[0]).toContain('Loading the demo city');
    expect(printed).toContain('  metrics: 100% (99/99)');
    expect(printed).toContain(
      `  ratings: 100% (${RATINGS.toLocaleString('en-US')}/${RATINGS.toLocaleString('en-US')})`,
    );
    expect(printed.some((l) => l.startsWith('Seeded in '))).toBe(true);
  });

  it('does not seed a stack twice', async () => {
    const before = await keys(stack, '');
    const printedBefore = printed.length;
    const again = await seed(stack);
    expect(again.status).toBe('already-seeded');
    expect(printed.slice(printedBefore)).toEqual([
      expect.stringMatching(/^The demo city is already loaded \(seeded .+\); nothing to do\.$/),
    ]);
    expect(await keys(stack, '')).toEqual(before);
  });
});

describe('seeding other stacks', () => {
  it('refuses a stack whose lake already holds exported ratings', async () => {
    const other = await startTestStack();
    try {
      await writeFeedbackBucket(other.clients.s3, other.config.lakeBucket, '20250101T120000Z', []);
      const result = await seed(other);
      expect(result).toMatchObject({ status: 'refused' });
      expect(await keys(other, 'raw/metrics/')).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('resumes an interrupted seed with the parameters it started with', async () => {
    const other = await startTestStack();
    try {
      const today = new Date(Date.now() - 3 * 3_600_000);
      await writeSeedMarker(other.clients.doc, other.config.tableName, {
        status: 'loading',
        today: today.toISOString(),
        seed: 7,
        ratings: 800,
        startedAt: today.toISOString(),
      });
      const result = await seed(other, 5000);
      expect(result.status).toBe('seeded');
      if (result.status !== 'seeded') return;
      expect(result).toMatchObject({ today: today.toISOString(), seed: 7 });
      expect(result.ratings.total).toBe(800);
    } finally {
      await other.close();
    }
  });
});

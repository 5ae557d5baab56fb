import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  type ComputeDeps,
  computeIndicators,
} from '../../../functions/compute/compute-indicators.js';
import { listObjects } from '../../../functions/compute/lake-sync.js';
import { replacementKeyOf } from '../../../functions/datasets/batch-states.js';
import { getDataset } from '../../../functions/datasets/datasets.js';
import {
  batchRecordToItem,
  type MetricBatchRecord,
} from '../../../functions/datasets/metric-batch-record.js';
import type { IndicatorDefinition } from '../../../functions/indicators/indicator-metadata.js';
import type { FeedbackRecord } from '../../../functions/lake/feedback-record.js';
import { writeFeedbackBucket } from '../../../functions/lake/write-feedback-bucket.js';
import type { IndicatorDocument } from '../../../functions/publish/indicator-document.js';
import { readManifest } from '../../../functions/publish/manifest.js';
import { curatedPrefix, rawMetricBatchKey } from '../../../functions/shared/lake-layout.js';
import { createLogger, type Logger } from '../../../functions/shared/logger.js';
import { monthOf } from '../../../functions/shared/period.js';
import type { TestStack } from '../../support/test-stack.js';

/** A rating with the lake's columns; `month` follows `collected_at` in São Paulo time. */
export function rating(id: string, overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  const collectedAt = overrides.collected_at ?? '2025-03-10T15:00:00.000Z';
  return {
    id,
    service_id: 'svc-0001',
    rating: 4,
    outcome: 'completed',
    channel: 'web',
    region: 'centro-sul',
    reason: null,
    comment: null,
    received_at: collectedAt,
    collected_at: collectedAt,
    month: monthOf(collectedAt, 'America/Sao_Paulo'),
    ...overrides,
  };
}

/** `count` ratings with ids `<prefix>-<n>` and the given overrides. */
export function ratings(
  prefix: string,
  count: number,
  overrides: Partial<FeedbackRecord> = {},
): FeedbackRecord[] {
  return Array.from({ length: count }, (_, i) => rating(`${prefix}-${i + 1}`, overrides));
}

/** Writes one raw feedback bucket through the export's own writer. */
export async function writeBucket(
  stack: TestStack,
  bucketId: string,
  records: readonly FeedbackRecord[],
): Promise<void> {
  await writeFeedbackBucket(stack.clients.s3, stack.config.lakeBucket, bucketId, records);
}

/**
 * Writes a metric batch the way the metrics ingest does (the pinned contract): the rows as NDJSON
 * gzip at `raw/metrics/<dataset>/batch=<id>/rows.jsonl.gz`, then the batch record.
 */
export async function writeMetricBatch(
  stack: TestStack,
  dataset: string,
  rows: readonly Record<string, unknown>[],
  options: { activatedAt: string; batchId?: string; retractedAt?: string },
): Promise<MetricBatchRecord> {
  const definition = getDataset(dataset);
  const body = rows.map((r) => JSON.stringify(r)).join('\n');
  const sha256 = createHash('sha256').update(`${dataset}\n${body}`).digest('hex');
  const batchId = options.batchId ?? sha256.slice(0, 20);
  const rawKey = rawMetricBatchKey(dataset, batchId);
  await stack.clients.s3.send(
    new PutObjectCommand({
      Bucket: stack.config.lakeBucket,
      Key: rawKey,
      Body: gzipSync(Buffer.from(body ? `${body}\n` : '')),
    }),
  );
  const record: MetricBatchRecord = {
    dataset,
    batchId,
    rawKey,
    rows: rows.length,
    sha256,
    submitter: 'test',
    createdAt: options.activatedAt,
    activatedAt: options.activatedAt,
    replacementKeys: [
      ...new Set(rows.map((r) => replacementKeyOf(r, definition.replacementKey))),
    ].sort(),
    replaced: [],
    retractedAt: options.retractedAt,
  };
  await stack.clients.doc.send(
    new PutCommand({ TableName: stack.config.tableName, Item: batchRecordToItem(record) }),
  );
  return record;
}

/** A logger that keeps its lines (JSON), to assert on errors and metrics. */
export function recordingLogger(): Logger & { readonly lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'compute-test',
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return Object.assign(logger, { lines });
}

/** Runs compute against a test stack with the given indicators. */
export function runCompute(
  stack: TestStack,
  indicators: readonly IndicatorDefinition[],
  options: Partial<Omit<ComputeDeps, 'now'>> & { now: Date },
) {
  const { now, ...rest } = options;
  return computeIndicators({
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    config: stack.config,
    indicators,
    now: () => now,
    logger: recordingLogger(),
    workDir: join(stack.dir, 'compute'),
    duckdb: { threads: 1, memoryLimit: '512MB' },
    ...rest,
  });
}

/** Reads a text object of the lake. */
export async function readObject(s3: S3Client, bucket: string, key: string): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await out.Body?.transformToString('utf8')) ?? '';
}

/** The latest published document of an indicator. */
export async function publishedDocument(
  stack: TestStack,
  id: string,
): Promise<IndicatorDocument | undefined> {
  const manifest = await readManifest(stack.clients.doc, stack.config.tableName, id);
  if (!manifest) return undefined;
  const text = await readObject(stack.clients.s3, stack.config.lakeBucket, manifest.jsonKey);
  return JSON.parse(text) as IndicatorDocument;
}

/**
 * Every row of a curated dataset, read from the lake with DuckDB (downloaded to a temp folder),
 * ordered by the given SQL expression.
 */
export async function curatedRows(
  stack: TestStack,
  dataset: string,
  orderBy = 'ALL',
): Promise<Record<string, unknown>[]> {
  const objects = (
    await listObjects(stack.clients.s3, stack.config.lakeBucket, curatedPrefix(dataset))
  ).filter((o) => o.key.endsWith('.parquet'));
  if (objects.length === 0) return [];
  const dir = await mkdtemp(join(tmpdir(), 'mirante-curated-'));
  try {
    const files: string[] = [];
    for (const [i, o] of objects.entries()) {
      const out = await stack.clients.s3.send(
        new GetObjectCommand({ Bucket: stack.config.lakeBucket, Key: o.key }),
      );
      const file = join(dir, `${i}.parquet`);
      await writeFile(file, await (out.Body?.transformToByteArray() ?? new Uint8Array()));
      files.push(file);
    }
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      const list = files.map((f) => `'${f}'`).join(', ');
      const reader = await connection.runAndReadAll(
        `SELECT * FROM read_parquet([${list}]) ORDER BY ${orderBy}`,
      );
      return reader.getRowObjectsJson() as Record<string, unknown>[];
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The row of a result for a period and dimension values (others `_T`). */
export function cell(
  document: IndicatorDocument,
  period: string,
  dimensions: Record<string, string> = {},
): Record<string, unknown> | undefined {
  const dims = document.indicator.dimensions;
  return document.data.find(
    (row) => row.period === period && dims.every((d) => row[d] === (dimensions[d] ?? '_T')),
  ) as Record<string, unknown> | undefined;
}

/**
 * Stops the embedded S3 server right after the first successful PutObject whose key matches
 * `matches` (an outage in the middle of a run) — or, with `when: 'before'`, just before that
 * PutObject is sent, so that its file is never written. `release` removes the trap; `tripped`
 * tells the key that fired it (requests already on open connections may still complete).
 */
export function stopS3AfterPut(
  stack: TestStack,
  matches: (key: string) => boolean,
  when: 'after' | 'before' = 'after',
): { release: () => void; tripped: () => string | undefined } {
  const name = `stop-s3-${Math.random()}`;
  let tripped: string | undefined;
  stack.clients.s3.middlewareStack.add(
    (next, context) => async (args) => {
      const key = (args.input as { Key?: string }).Key ?? '';
      const trips = !tripped && context.commandName === 'PutObjectCommand' && matches(key);
      if (trips) tripped = key;
      if (trips && when === 'before') await stack.stopS3();
      const result = await next(args);
      if (trips && when === 'after') await stack.stopS3();
      return result;
    },
    { step: 'initialize', name },
  );
  return {
    release: () => stack.clients.s3.middlewareStack.remove(name),
    tripped: () => tripped,
  };
}

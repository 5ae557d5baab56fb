import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DuckDBConnection } from '@duckdb/node-api';
import { listBatchRecords } from '../datasets/metric-batch-record.js';
import { LAKE_DATASETS } from '../lake/lake-columns.js';
import { curatedPrefix } from '../shared/lake-layout.js';
import type { Logger } from '../shared/logger.js';
import { compactFeedback, type FeedbackCompaction } from './compact-feedback.js';
import { compactMetricDataset } from './compact-metric-dataset.js';
import type { CompactionContext } from './compaction-context.js';
import {
  type CompactionState,
  emptyCompactionState,
  type MetricState,
  readCompactionState,
  writeCompactionState,
} from './compaction-state.js';
import { listObjects } from './lake-sync.js';
import { batchSetOf } from './metric-batch-set.js';
import { planFeedbackCompaction } from './plan-feedback-compaction.js';
import type { RawObjects } from './raw-objects.js';

/** What compaction needs; DuckDB is opened only when there is work. */
export interface CompactLakeDeps {
  readonly s3: S3Client;
  readonly doc: DynamoDBDocumentClient;
  readonly bucket: string;
  readonly tableName: string;
  readonly timezone: string;
  readonly mirrorDir: string;
  readonly scratchDir: string;
  readonly known: Map<string, string>;
  readonly logger: Logger;
  readonly connection: () => Promise<DuckDBConnection>;
}

/** What a compaction pass did. */
export interface LakeCompaction {
  /** The state after the pass (written to the lake when it changed). */
  readonly state: CompactionState;
  /** Datasets whose compaction failed, with the error; they keep their previous curated files. */
  readonly failed: ReadonlyMap<string, string>;
  /** Datasets whose curated files were rebuilt or extended. */
  readonly compacted: readonly string[];
  /** The feedback step, when it ran. */
  readonly feedback?: FeedbackCompaction | undefined;
}

/**
 * Brings `curated/` up to date with `raw/` and the batch records: feedback incrementally (new
 * buckets and tombstones, see `compactFeedback`), each metric dataset rebuilt when its batch set
 * changed. A dataset that fails is logged and counted (`CompactionFailed`) and keeps its previous
 * files and state; the others go on. The state is written last, once, when anything changed.
 * Without a state (first run, or a lost one) curated files already in the lake are adopted:
 * feedback months are rewritten from themselves plus raw/, metric files replaced or emptied.
 */
export async function compactLake(deps: CompactLakeDeps, raw: RawObjects): Promise<LakeCompaction> {
  const { logger } = deps;
  const stored = await readCompactionState(deps.s3, deps.bucket);
  const state = stored ?? (await adoptCuratedFiles(deps.s3, deps.bucket));
  const rebuildMonths = stored ? [] : Object.keys(state.feedback.months);
  const metricDatasets = LAKE_DATASETS.filter((d) => d.kind !== 'feedback');
  const records = await Promise.all(
    metricDatasets.map((d) => listBatchRecords(deps.doc, deps.tableName, d.name)),
  );

  const failed = new Map<string, string>();
  const compacted: string[] = [];
  const fail = (dataset: string, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    failed.set(dataset, message);
    logger.error('compaction failed', { dataset, error: message });
    logger.metric('CompactionFailed', 1, { dataset });
  };
  let context: CompactionContext | undefined;
  const ctx = async (): Promise<CompactionContext> => {
    context ??= {
      s3: deps.s3,
      bucket: deps.bucket,
      connection: await deps.connection(),
      mirrorDir: deps.mirrorDir,
      known: deps.known,
      scratchDir: deps.scratchDir,
      logger,
    };
    return context;
  };

  let changed = !stored;
  let next: CompactionState = state;
  let feedback: FeedbackCompaction | undefined;
  try {
    const plan = planFeedbackCompaction(state.feedback, raw);
    if (plan.newBuckets.length || plan.newTombstones.length || rebuildMonths.length) {
      feedback = await compactFeedback(await ctx(), state.feedback, raw, rebuildMonths);
      next = { ...next, feedback: feedback.state };
      changed = true;
      compacted.push('feedback');
    } else if (plan.sourcesPruned) {
      next = { ...next, feedback: { ...state.feedback, sources: { ...plan.keptSources } } };
      changed = true;
    }
  } catch (error) {
    fail('feedback', error);
  }

  const metrics: Record<string, MetricState> = { ...next.metrics };
  for (const [i, dataset] of metricDatasets.entries()) {
    try {
      const batchSet = batchSetOf(records[i] ?? [], raw.etags, deps.timezone);
      const previous = next.metrics[dataset.name];
      if (previous?.batchSetHash === batchSet.hash) continue;
      if (batchSet.batches.length === 0 && (previous?.objects.length ?? 0) === 0) {
        metrics[dataset.name] = { batchSetHash: batchSet.hash, objects: [] };
      } else {
        const result = await compactMetricDataset(await ctx(), dataset, batchSet, previous);
        metrics[dataset.name] = result.state;
        compacted.push(dataset.name);
      }
      changed = true;
    } catch (error) {
      fail(dataset.name, error);
    }
  }
  next = { ...next, metrics: Object.fromEntries(Object.entries(metrics).sort()) };

  if (changed) await writeCompactionState(deps.s3, deps.bucket, next);
  return { state: next, failed, compacted, feedback };
}

const CURATED_FEEDBACK_MONTH = /^curated\/feedback\/month=(\d{4}-\d{2})\/data\.parquet$/;

/**
 * A state for curated files found without one: feedback months to rewrite (their ETag unknown,
 * so they are merged again and re-indexed), metric files to replace or empty.
 */
async function adoptCuratedFiles(s3: S3Client, bucket: string): Promise<CompactionState> {
  const state = emptyCompactionState();
  const listed = await listObjects(s3, bucket, 'curated/');
  for (const object of listed) {
    const month = CURATED_FEEDBACK_MONTH.exec(object.key)?.[1];
    if (month) {
      state.feedback.months[month] = { key: object.key, etag: '', rows: 0, idShards: 1 };
    }
  }
  for (const dataset of LAKE_DATASETS) {
    if (dataset.kind === 'feedback') continue;
    const objects = listed
      .filter((o) => o.key.startsWith(curatedPrefix(dataset.name)) && o.key.endsWith('.parquet'))
      .map((o) => ({ key: o.key, etag: '', rows: 0 }));
    if (objects.length > 0) state.metrics[dataset.name] = { batchSetHash: '', objects };
  }
  return state;
}

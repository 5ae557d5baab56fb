import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DATASET_NAMES } from '../datasets/datasets.js';
import { listBatchRecords } from '../datasets/metric-batch-record.js';
import { createServiceCatalogue } from '../datasets/service-catalogue.js';
import { exportFeedback } from '../export/export-feedback.js';
import type { MiranteConfig } from '../shared/config.js';
import { RAW_FEEDBACK_PREFIX } from '../shared/lake-layout.js';
import type { Logger } from '../shared/logger.js';
import { type CitySummary, summarizeCity } from './city-summary.js';
import { generateCity } from './generate-city.js';
import { DEFAULT_RATINGS } from './generate-ratings.js';
import { importRecentRatings } from './import-recent-ratings.js';
import { type DemoMetricsLoaded, loadDemoMetrics } from './load-demo-metrics.js';
import { DEFAULT_SEED_TIMEZONE } from './seed-calendar.js';
import { readSeedMarker, writeSeedMarker } from './seed-marker.js';
import { DEFAULT_SEED } from './seed-options.js';
import { type SeedProgressListener, SeedRefusedError } from './seed-progress.js';
import { writeRatingHistory } from './write-rating-history.js';

/** Ratings received in this last stretch before `today` go through the real feedback path. */
export const RECENT_RATINGS_MS = 24 * 3_600_000;

/** What loading the demo city needs: the stack's clients and configuration. */
export interface LoadDemoCityDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly config: MiranteConfig;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** Options of {@link loadDemoCity}. */
export interface LoadDemoCityOptions {
  /** Ratings to generate (default 200,000). */
  readonly ratings?: number;
  /** Random seed (default `DEFAULT_SEED`). */
  readonly seed?: number;
  /** The instant the city is generated for (default now). */
  readonly today?: Date;
  readonly onProgress?: SeedProgressListener;
}

/** What was loaded (also written to `.mirante/seeded.json` by `mirante dev`). */
export interface SeedSummary {
  readonly seededAt: string;
  /** The instant the city was generated for. */
  readonly today: string;
  readonly seed: number;
  readonly seconds: number;
  /** The headline figures of the generated city (the article's targets). */
  readonly city: CitySummary;
  readonly datasets: DemoMetricsLoaded;
  readonly ratings: {
    readonly total: number;
    /** Written straight to the lake, one bucket per UTC day. */
    readonly history: number;
    readonly historyBuckets: number;
    /** Loaded through the staff bulk import (DynamoDB, then the export). */
    readonly recent: number;
    readonly recentAccepted: number;
    readonly recentDuplicates: number;
    readonly recentRejected: number;
  };
  /** The export watermark the history lies before. */
  readonly exportWatermark: string;
}

/** The answer of {@link loadDemoCity}. */
export type LoadDemoCityResult =
  | { readonly status: 'seeded'; readonly summary: SeedSummary }
  | { readonly status: 'already-seeded'; readonly summary: SeedSummary | undefined };

/**
 * Loads the synthetic Belo Horizonte into a stack, through the real code paths:
 * 1. the programme metrics through the metrics submission path (`loadDemoMetrics`);
 * 2. the export once, so its watermark is current (nothing waiting in DynamoDB is skipped);
 * 3. the rating history (received more than a day before `today`) straight into the lake with
 *    the export's own writer, one bucket per UTC day — all before the export's watermark, so the
 *    live export (which only writes buckets after its watermark) can never overwrite one;
 * 4. the last day of ratings through the staff bulk import, into DynamoDB, for the next export.
 *
 * A stack is seeded once: a `demo-seed` marker in the table records the parameters when the
 * seed starts and the summary when it completes. A completed seed is not repeated
 * (`already-seeded`); an interrupted one resumes with the same parameters and rewrites the same
 * objects. A stack that already holds other data (exported ratings or metric batches, without a
 * marker) is refused with a `SeedRefusedError`: the demo city is for an empty stack.
 */
export async function loadDemoCity(
  deps: LoadDemoCityDeps,
  options: LoadDemoCityOptions = {},
): Promise<LoadDemoCityResult> {
  const { doc, s3, config } = deps;
  // The steps' own info lines (one per batch, per export, per import) would drown the progress.
  const logger = warningsOnly(deps.logger);
  const started = performance.now();
  const marker = await readSeedMarker(doc, config.tableName);
  if (marker?.status === 'complete') {
    return { status: 'already-seeded', summary: marker.summary as SeedSummary | undefined };
  }
  const startedAt = deps.now();
  const params = marker
    ? { today: new Date(marker.today), seed: marker.seed, ratings: marker.ratings }
    : {
        today: options.today ?? startedAt,
        seed: options.seed ?? DEFAULT_SEED,
        ratings: options.ratings ?? DEFAULT_RATINGS,
      };
  if (marker) {
    deps.logger.info('resuming an interrupted demo seed', { today: marker.today });
  } else {
    await refuseIfNotEmpty(deps);
    const claimed = await writeSeedMarker(
      doc,
      config.tableName,
      {
        status: 'loading',
        today: params.today.toISOString(),
        seed: params.seed,
        ratings: params.ratings,
        startedAt: startedAt.toISOString(),
      },
      { onlyIfAbsent: true },
    );
    if (!claimed) throw new SeedRefusedError('Another demo seed is already loading this stack.');
  }

  const timezone = DEFAULT_SEED_TIMEZONE;
  const city = generateCity({ seed: params.seed, today: params.today, timezone });
  const datasets = await loadDemoMetrics(
    { doc, s3, config, now: deps.now, logger },
    city,
    options.onProgress,
  );

  const exported = await exportFeedback({ doc, s3, config, now: deps.now, logger });
  const watermark = exported.watermark;
  const cutoff = new Date(params.today.getTime() - RECENT_RATINGS_MS);
  const history = await writeRatingHistory(
    { s3, lakeBucket: config.lakeBucket },
    {
      seed: params.seed,
      today: params.today,
      timezone,
      count: params.ratings,
      cutoff,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
  if (!watermark || (history.lastBucketId !== undefined && history.lastBucketId >= watermark)) {
    // Unreachable by construction (the history ends a day before `today`); never leave a bucket
    // the export could write again.
    throw new Error(
      `the rating history (last bucket ${history.lastBucketId}) must lie before the export watermark ${watermark}`,
    );
  }

  const catalogue = createServiceCatalogue({
    doc,
    s3,
    tableName: config.tableName,
    lakeBucket: config.lakeBucket,
  });
  const recent = await importRecentRatings(
    {
      doc,
      config,
      now: deps.now,
      serviceExists: (id) => catalogue.has(id),
      logger,
    },
    history.recent,
    options.onProgress,
  );
  if (recent.rejected > 0) {
    logger.warn('some recent demo ratings were rejected', {
      rejected: recent.rejected,
      first: recent.firstRejection,
    });
  }

  const summary: SeedSummary = {
    seededAt: deps.now().toISOString(),
    today: params.today.toISOString(),
    seed: params.seed,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    city: summarizeCity(city),
    datasets,
    ratings: {
      total: history.total,
      history: history.history,
      historyBuckets: history.buckets,
      recent: history.recent.length,
      recentAccepted: recent.accepted,
      recentDuplicates: recent.duplicates,
      recentRejected: recent.rejected,
    },
    exportWatermark: watermark,
  };
  await writeSeedMarker(doc, config.tableName, {
    status: 'complete',
    today: params.today.toISOString(),
    seed: params.seed,
    ratings: params.ratings,
    startedAt: marker?.startedAt ?? startedAt.toISOString(),
    summary,
  });
  return { status: 'seeded', summary };
}

/** A logger that passes on warnings and errors only. */
function warningsOnly(logger: Logger): Logger {
  const quiet: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message, fields) => logger.warn(message, fields),
    error: (message, fields) => logger.error(message, fields),
    metric: () => undefined,
    child: () => quiet,
  };
  return quiet;
}

/** Refuses a stack that already holds exported ratings or metric batches. */
async function refuseIfNotEmpty(deps: LoadDemoCityDeps): Promise<void> {
  const { s3, doc, config } = deps;
  const listed = await s3.send(
    new ListObjectsV2Command({
      Bucket: config.lakeBucket,
      Prefix: RAW_FEEDBACK_PREFIX,
      MaxKeys: 1,
    }),
  );
  if ((listed.Contents ?? []).length > 0) {
    throw new SeedRefusedError(
      'The lake already holds exported ratings; the demo city is loaded into an empty stack only (locally: npx mirante dev --reset).',
    );
  }
  for (const name of DATASET_NAMES) {
    if ((await listBatchRecords(doc, config.tableName, name)).length > 0) {
      throw new SeedRefusedError(
        `The stack already holds ${name} batches; the demo city is loaded into an empty stack only (locally: npx mirante dev --reset).`,
      );
    }
  }
}

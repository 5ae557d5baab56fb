import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import type { IndicatorDefinition } from '../indicators/indicator-metadata.js';
import { listManifests } from '../publish/manifest.js';
import type { MiranteConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { monthOf } from '../shared/period.js';
import { compactLake, type LakeCompaction } from './compact-lake.js';
import { curatedObjectsOf } from './compaction-state.js';
import {
  DEFAULT_DUCKDB_SETTINGS,
  type DuckDbSession,
  type DuckDbSettings,
  openDuckDbSession,
} from './duckdb-session.js';
import { type CuratedInputs, hashIndicatorInputs, inputsOf } from './indicator-inputs.js';
import { createDatasetViews } from './lake-database.js';
import { syncObjects } from './lake-sync.js';
import { listRawObjects } from './raw-objects.js';
import {
  type IndicatorOutcome,
  indicatorFailed,
  type PendingIndicator,
  runIndicatorPass,
} from './run-indicator-pass.js';

/** What a compute run needs. */
export interface ComputeDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly config: Pick<MiranteConfig, 'tableName' | 'lakeBucket' | 'codeVersion' | 'timezone'>;
  readonly indicators: readonly IndicatorDefinition[];
  readonly now: () => Date;
  readonly logger: Logger;
  /** Local folder for the lake copy (Lambda: under /tmp). */
  readonly workDir: string;
  /** ETags of the objects already in `workDir` (kept across warm invocations). */
  readonly knownObjects?: Map<string, string>;
  /** The dimension registry: values of fixed dimensions are checked before publication. */
  readonly registry?: DimensionRegistry | undefined;
  /** DuckDB threads and memory limit (default: 2 threads, 2 GB). */
  readonly duckdb?: DuckDbSettings | undefined;
}

export type { IndicatorOutcome } from './run-indicator-pass.js';

/** What a compute run did. */
export interface ComputeResult {
  readonly outcomes: readonly IndicatorOutcome[];
  /** The compaction pass: datasets compacted, failures, feedback months rewritten. */
  readonly compaction: {
    readonly compacted: readonly string[];
    readonly failed: readonly string[];
    readonly feedbackMonthsWritten: readonly string[];
  };
  /** Milliseconds spent listing and compacting, reading manifests, and on the indicators. */
  readonly timings: {
    readonly compactionMs: number;
    readonly manifestsMs: number;
    readonly indicatorsMs: number;
  };
}

/**
 * One compute run: compaction, then every indicator whose inputs changed.
 *
 * 1. One listing of `raw/`, the compaction state and the batch records decide what is new;
 *    `compactLake` brings `curated/` up to date (DuckDB reads and writes the files; raw rows never
 *    pass through JavaScript).
 * 2. Each indicator's inputs are its source datasets' curated objects (key, ETag, rows); their
 *    hash is compared with the manifests (one query). A run with nothing new stops here: it cost
 *    a listing, the state read and the manifest read, and never opened DuckDB.
 * 3. Otherwise the curated files are mirrored to `workDir` (only changed ones are downloaded),
 *    DuckDB gets one view per dataset, and each pending indicator is evaluated (SQL, declared
 *    tests, suppression, `p` status), written as Parquet by DuckDB and published.
 *
 * One indicator failing (bad SQL, a failed declared test, a source dataset that could not be
 * compacted) doesn't stop the others: its previous version stays published and the failure is
 * logged and counted as the `IndicatorFailed` metric.
 */
export async function computeIndicators(deps: ComputeDeps): Promise<ComputeResult> {
  const { doc, s3, config, logger } = deps;
  const currentPeriod = monthOf(deps.now(), config.timezone);
  const known = deps.knownObjects ?? new Map<string, string>();
  const mirrorDir = join(deps.workDir, 'lake');
  const scratchDir = join(deps.workDir, 'scratch');
  let session: DuckDbSession | undefined;
  const connection = async () => {
    if (!session) {
      await mkdir(scratchDir, { recursive: true });
      session = await openDuckDbSession(
        deps.duckdb ?? DEFAULT_DUCKDB_SETTINGS,
        join(deps.workDir, 'duckdb-tmp'),
      );
    }
    return session.connection;
  };

  const started = performance.now();
  const timings = { compactionMs: 0, manifestsMs: 0, indicatorsMs: 0 };
  try {
    const raw = await listRawObjects(s3, config.lakeBucket);
    const compaction = await compactLake(
      {
        s3,
        doc,
        bucket: config.lakeBucket,
        tableName: config.tableName,
        timezone: config.timezone,
        mirrorDir,
        scratchDir,
        known,
        logger,
        connection,
      },
      raw,
    );
    timings.compactionMs = performance.now() - started;
    const inputs: CuratedInputs = curatedObjectsOf(compaction.state);
    const manifests = new Map(
      (await listManifests(doc, config.tableName)).map((m) => [m.indicatorId, m]),
    );

    timings.manifestsMs = performance.now() - started - timings.compactionMs;
    const outcomes: IndicatorOutcome[] = [];
    const pending: PendingIndicator[] = [];
    for (const definition of deps.indicators) {
      const id = definition.metadata.id;
      const failedSource = definition.metadata.sources.find((s) => compaction.failed.has(s));
      if (failedSource) {
        outcomes.push(indicatorFailed(logger, id, `source ${failedSource} could not be compacted`));
        continue;
      }
      const inputsHash = hashIndicatorInputs(definition, inputs, config.codeVersion, currentPeriod);
      const manifest = manifests.get(id);
      if (manifest?.inputsHash === inputsHash) {
        outcomes.push({ id, status: 'unchanged', version: manifest.version });
      } else {
        pending.push({ definition, inputsHash });
      }
    }

    if (pending.length > 0) {
      const db = await connection();
      await createDatasetViews(db, await mirrorSources(deps, pending, inputs, mirrorDir, known));
      const duck = session as DuckDbSession;
      outcomes.push(
        ...(await runIndicatorPass(
          {
            doc,
            s3,
            config,
            now: deps.now,
            logger,
            evaluators: [db, await duck.connect()],
            lightLane: await duck.connect(),
            writer: await duck.connect(),
            scratchDir,
            currentPeriod,
            inputs,
            registry: deps.registry,
          },
          heaviestFirst(pending, inputs),
        )),
      );
    }
    timings.indicatorsMs = performance.now() - started - timings.compactionMs - timings.manifestsMs;
    return { outcomes: sortById(outcomes), compaction: summary(compaction), timings };
  } finally {
    session?.close();
    await rm(scratchDir, { recursive: true, force: true });
  }
}

/** Mirrors the curated files of the datasets the pending indicators read; local paths by dataset. */
async function mirrorSources(
  deps: ComputeDeps,
  pending: readonly { definition: IndicatorDefinition }[],
  inputs: CuratedInputs,
  mirrorDir: string,
  known: Map<string, string>,
): Promise<Map<string, string[]>> {
  const datasets = [...new Set(pending.flatMap((p) => p.definition.metadata.sources))].sort();
  const files = new Map<string, string[]>();
  for (const dataset of datasets) {
    const objects = inputs.get(dataset) ?? [];
    files.set(
      dataset,
      await syncObjects(deps.s3, deps.config.lakeBucket, objects, mirrorDir, known),
    );
  }
  return files;
}

/**
 * The pending indicators, the likely slowest first (most input rows, then most grouping sets and
 * measures), so that the longest SQL starts first and the quick ones fill in beside it.
 */
function heaviestFirst(
  pending: readonly PendingIndicator[],
  inputs: CuratedInputs,
): PendingIndicator[] {
  const weight = ({ definition }: PendingIndicator) => {
    const rows = inputsOf(definition, inputs).reduce((sum, input) => sum + input.rows, 0);
    const { breakdowns, measures } = definition.metadata;
    return rows * (breakdowns.length + measures.length);
  };
  return [...pending].sort(
    (a, b) =>
      weight(b) - weight(a) || (a.definition.metadata.id < b.definition.metadata.id ? -1 : 1),
  );
}

function sortById(outcomes: IndicatorOutcome[]): IndicatorOutcome[] {
  return outcomes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function summary(compaction: LakeCompaction): ComputeResult['compaction'] {
  return {
    compacted: compaction.compacted,
    failed: [...compaction.failed.keys()],
    feedbackMonthsWritten: [
      ...(compaction.feedback?.monthsWritten ?? []),
      ...(compaction.feedback?.monthsRemoved ?? []),
    ],
  };
}

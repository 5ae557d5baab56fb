import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ID_SHARD_SQL, idShardCount } from '../lake/feedback-id-index.js';
import { lakeDataset } from '../lake/lake-columns.js';
import { curatedMonthKey, feedbackIdShardKey } from '../shared/lake-layout.js';
import { PERIOD_PATTERN } from '../shared/period.js';
import { blankObjects } from './blank-objects.js';
import type { CompactionContext } from './compaction-context.js';
import type { FeedbackState } from './compaction-state.js';
import { castColumns } from './lake-database.js';
import { adoptFile, md5OfFile, syncObjects, uploadFile } from './lake-sync.js';
import { planFeedbackCompaction } from './plan-feedback-compaction.js';
import type { RawObjects } from './raw-objects.js';
import { sqlColumnsStruct, sqlString, sqlStringList } from './sql-text.js';
import { writeIdIndexManifest } from './write-id-index-manifest.js';

/** What a feedback compaction did. */
export interface FeedbackCompaction {
  readonly state: FeedbackState;
  /** Whether the state differs from the one given (it must be written). */
  readonly changed: boolean;
  /** Raw buckets merged in this run. */
  readonly bucketsMerged: number;
  /** Erased ids applied in this run. */
  readonly tombstonesApplied: number;
  /** Curated months rewritten (content changed), and months left without ratings (emptied). */
  readonly monthsWritten: readonly string[];
  readonly monthsRemoved: readonly string[];
}

const FEEDBACK = lakeDataset('feedback');
const PARQUET_TYPE = 'application/vnd.apache.parquet';

/**
 * Which of several rows with the same id is kept: the first received (then a fixed order over
 * every other column, so the choice never depends on file order). A replay of the same rating
 * after its DynamoDB item expired, or a bulk import run twice, keeps its first copy.
 */
export const FEEDBACK_KEEP_ORDER =
  'received_at NULLS FIRST, collected_at NULLS FIRST, service_id NULLS FIRST, rating NULLS FIRST, outcome NULLS FIRST, channel NULLS FIRST, region NULLS FIRST, reason NULLS FIRST, comment NULLS FIRST';

/**
 * Row order of a curated feedback month. Total (ids are unique), so the same rows give the same
 * bytes; clustered by the columns the indicators group by, which makes their scans faster.
 */
export const CURATED_FEEDBACK_ORDER = 'service_id, channel, region, id';

/**
 * Compacts exported feedback into the curated lake, incrementally. New or changed raw buckets are
 * read by DuckDB (rows never pass through JavaScript) and staged by month; only the months they
 * touch — plus months holding an id also seen in another month, and months holding a newly erased
 * id — are rewritten: old curated rows and new rows merged, deduplicated by id (the first received
 * copy wins, across months too), every tombstone applied, sorted, written as zstd Parquet. Each
 * rewritten month gets its id index (sorted id lists, sharded by hash) for erasure lookups.
 *
 * Write order: index shards, the index manifest, then the month Parquet files, then the emptying
 * of months left without ratings and of index shards of an old shard count (`blankObjects`);
 * the caller writes the compaction state last. A failure anywhere leaves the state as it was, so
 * the next run redoes the same months and reaches the same bytes. `rebuildMonths` forces months to
 * be rewritten (curated files found without a state).
 */
export async function compactFeedback(
  ctx: CompactionContext,
  state: FeedbackState,
  raw: Pick<RawObjects, 'feedbackBuckets' | 'tombstoneIds'>,
  rebuildMonths: readonly string[] = [],
): Promise<FeedbackCompaction> {
  const plan = planFeedbackCompaction(state, raw);
  if (plan.newBuckets.length === 0 && plan.newTombstones.length === 0 && !rebuildMonths.length) {
    return {
      state: { ...state, sources: { ...plan.keptSources } },
      changed: plan.sourcesPruned,
      bucketsMerged: 0,
      tombstonesApplied: 0,
      monthsWritten: [],
      monthsRemoved: [],
    };
  }

  const { connection: db } = ctx;
  let lapStart = performance.now();
  const lap = (step: string) => {
    ctx.logger.debug('feedback compaction step', {
      step,
      ms: Math.round(performance.now() - lapStart),
    });
    lapStart = performance.now();
  };
  const scratch = join(ctx.scratchDir, 'feedback');
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });

  // The current curated months, mirrored locally.
  const currentMonths = Object.keys(state.months).sort();
  const curatedPaths = await syncObjects(
    ctx.s3,
    ctx.bucket,
    currentMonths.map((m) => state.months[m] as { key: string; etag: string }),
    ctx.mirrorDir,
    ctx.known,
  );
  const curatedPathOf = new Map(currentMonths.map((m, i) => [m, curatedPaths[i] as string]));
  lap('mirror curated months');

  // New raw buckets → staging Parquet partitioned by month.
  const stagingDir = join(scratch, 'staging');
  const stagedMonths = await stageBuckets(ctx, plan.newBuckets, scratch, stagingDir);
  lap('stage new buckets');
  const stagedFiles = (month: string) => join(stagingDir, `month=${month}`, '*.parquet');
  const stagedAll = stagedMonths.length ? join(stagingDir, '*', '*.parquet') : undefined;
  const curatedAll = curatedPaths.length ? sqlStringList(curatedPaths) : undefined;

  const touched = new Set<string>([...stagedMonths, ...rebuildMonths]);
  try {
    await findCrossMonthDuplicates(db, stagedAll, curatedAll, touched);
    const tombstones = [...new Set([...state.tombstones, ...plan.newTombstones])].sort();
    await loadIds(db, '_c_erased', tombstones);
    if (plan.newTombstones.length > 0 && curatedAll) {
      await loadIds(db, '_c_new_erased', plan.newTombstones);
      const hit = await db.runAndReadAll(
        `SELECT DISTINCT month FROM read_parquet(${curatedAll}) WHERE id IN (SELECT id FROM _c_new_erased)`,
      );
      for (const [month] of hit.getRows()) touched.add(String(month));
    }
    lap('find duplicates and erased ids');

    // Rewrite every touched month into the scratch folder.
    const written: MonthOutput[] = [];
    for (const month of [...touched].sort()) {
      if (!PERIOD_PATTERN.test(month)) throw new Error(`feedback month ${month} is not YYYY-MM`);
      const sources: string[] = [];
      const curated = curatedPathOf.get(month);
      if (curated) sources.push(`SELECT * FROM read_parquet(${sqlString(curated)})`);
      if (stagedMonths.includes(month)) {
        sources.push(`SELECT * FROM read_parquet(${sqlString(stagedFiles(month))})`);
      }
      if (sources.length === 0) continue;
      written.push(await writeMonth(db, scratch, month, sources));
    }
    lap(`write ${written.length} months`);

    // Publish: index shards, index manifest, month files, deletions.
    const months = { ...state.months };
    const changedOutputs: MonthOutput[] = [];
    const removed: string[] = [];
    const obsoleteKeys: string[] = [];
    for (const out of written) {
      const previous = state.months[out.month];
      if (out.rows === 0) {
        if (previous) {
          removed.push(out.month);
          obsoleteKeys.push(previous.key, ...shardKeys(out.month, previous.idShards));
          delete months[out.month];
        }
        continue;
      }
      const md5 = await md5OfFile(out.path);
      if (previous && previous.etag === md5 && previous.idShards === out.shardPaths.length) {
        months[out.month] = { ...previous, rows: out.rows };
        continue;
      }
      changedOutputs.push(out);
      if (previous && previous.idShards !== out.shardPaths.length) {
        obsoleteKeys.push(...shardKeys(out.month, previous.idShards));
      }
    }
    for (const out of changedOutputs) {
      const shards = out.shardPaths.length;
      for (const [k, path] of out.shardPaths.entries()) {
        await uploadFile(
          ctx.s3,
          ctx.bucket,
          feedbackIdShardKey(out.month, k, shards),
          path,
          'application/gzip',
        );
      }
    }
    const indexMonths: Record<string, number> = {};
    for (const [month, entry] of Object.entries(months)) indexMonths[month] = entry.idShards;
    for (const out of changedOutputs) indexMonths[out.month] = out.shardPaths.length;
    if (changedOutputs.length > 0 || removed.length > 0) {
      await writeIdIndexManifest(ctx.s3, ctx.bucket, indexMonths);
    }
    for (const out of changedOutputs) {
      const key = curatedMonthKey('feedback', out.month);
      const etag = await uploadFile(ctx.s3, ctx.bucket, key, out.path, PARQUET_TYPE);
      await adoptFile(ctx.mirrorDir, key, out.path, etag, ctx.known);
      months[out.month] = { key, etag, rows: out.rows, idShards: out.shardPaths.length };
    }
    await blankObjects(ctx, obsoleteKeys, FEEDBACK.columns);
    lap('upload');

    const sources: Record<string, string> = { ...plan.keptSources };
    for (const b of plan.newBuckets) sources[b.key] = b.etag;
    const next: FeedbackState = { sources, tombstones, months: sortedRecord(months) };
    ctx.logger.info('feedback compacted', {
      buckets: plan.newBuckets.length,
      tombstones: plan.newTombstones.length,
      monthsWritten: changedOutputs.map((o) => o.month),
      monthsRemoved: removed,
    });
    return {
      state: next,
      changed: true,
      bucketsMerged: plan.newBuckets.length,
      tombstonesApplied: plan.newTombstones.length,
      monthsWritten: changedOutputs.map((o) => o.month),
      monthsRemoved: removed,
    };
  } finally {
    for (const table of ['_c_old_hits', '_c_multi', '_c_winners', '_c_erased', '_c_new_erased']) {
      await db.run(`DROP TABLE IF EXISTS ${table}`);
    }
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One rewritten month in the scratch folder. */
interface MonthOutput {
  readonly month: string;
  readonly path: string;
  readonly rows: number;
  readonly shardPaths: readonly string[];
}

/**
 * Downloads the new buckets and has DuckDB read them (typed columns) into Parquet partitioned by
 * month. Returns the months found; a month that isn't `YYYY-MM` (a row without one) fails the run.
 */
async function stageBuckets(
  ctx: CompactionContext,
  buckets: readonly { key: string; etag: string }[],
  scratch: string,
  stagingDir: string,
): Promise<string[]> {
  if (buckets.length === 0) return [];
  const files = await syncObjects(ctx.s3, ctx.bucket, buckets, join(scratch, 'raw'), new Map());
  await ctx.connection.run(
    `COPY (SELECT ${castColumns(FEEDBACK.columns)} FROM read_json(${sqlStringList(files)}, format = 'newline_delimited', columns = ${sqlColumnsStruct(FEEDBACK.columns)}) WHERE id IS NOT NULL) TO ${sqlString(stagingDir)} (FORMAT parquet, PARTITION_BY (month), WRITE_PARTITION_COLUMNS true, OVERWRITE)`,
  );
  await rm(join(scratch, 'raw'), { recursive: true, force: true });
  let entries: string[];
  try {
    entries = await readdir(stagingDir);
  } catch {
    return [];
  }
  return entries.sort().map((entry) => {
    const month = entry.replace(/^month=/, '');
    if (!PERIOD_PATTERN.test(month)) {
      throw new Error(`exported feedback holds rows with month "${month}" (expected YYYY-MM)`);
    }
    return month;
  });
}

/**
 * Finds ids present in more than one month (new rows against each other and against the curated
 * lake), decides which copy wins (`FEEDBACK_KEEP_ORDER`) into `_c_winners`, and adds the months
 * holding a losing copy to `touched`. Without such ids `_c_winners` is empty.
 */
async function findCrossMonthDuplicates(
  db: DuckDBConnection,
  stagedAll: string | undefined,
  curatedAll: string | undefined,
  touched: Set<string>,
): Promise<void> {
  const staged = stagedAll ? `read_parquet(${sqlString(stagedAll)})` : undefined;
  if (staged && curatedAll) {
    await db.run(
      `CREATE OR REPLACE TABLE _c_old_hits AS SELECT id, month FROM read_parquet(${curatedAll}) WHERE id IN (SELECT id FROM ${staged})`,
    );
  } else {
    await db.run('CREATE OR REPLACE TABLE _c_old_hits (id VARCHAR, month VARCHAR)');
  }
  await db.run(
    staged
      ? `CREATE OR REPLACE TABLE _c_multi AS SELECT id FROM (SELECT id, month FROM ${staged} UNION ALL SELECT id, month FROM _c_old_hits) GROUP BY id HAVING min(month) <> max(month)`
      : 'CREATE OR REPLACE TABLE _c_multi (id VARCHAR)',
  );
  const candidates = [
    ...(staged ? [`SELECT * FROM ${staged} WHERE id IN (SELECT id FROM _c_multi)`] : []),
    ...(staged && curatedAll
      ? [`SELECT * FROM read_parquet(${curatedAll}) WHERE id IN (SELECT id FROM _c_multi)`]
      : []),
  ];
  if (candidates.length === 0) {
    await db.run('CREATE OR REPLACE TABLE _c_winners (id VARCHAR, month VARCHAR)');
    return;
  }
  await db.run(
    `CREATE OR REPLACE TABLE _c_winners AS SELECT id, month FROM (${candidates.join(' UNION ALL BY NAME ')}) QUALIFY row_number() OVER (PARTITION BY id ORDER BY ${FEEDBACK_KEEP_ORDER}) = 1`,
  );
  const losers = await db.runAndReadAll(
    'SELECT DISTINCT month FROM _c_old_hits WHERE id IN (SELECT id FROM _c_multi)',
  );
  for (const [month] of losers.getRows()) touched.add(String(month));
}

/** (Re)creates a one-column table of ids, bulk loaded with the appender. */
async function loadIds(db: DuckDBConnection, table: string, ids: readonly string[]): Promise<void> {
  await db.run(`CREATE OR REPLACE TABLE ${table} (id VARCHAR)`);
  const appender = await db.createAppender(table);
  for (const id of ids) {
    appender.appendVarchar(id);
    appender.endRow();
  }
  appender.closeSync();
}

/** Writes one curated month and its id index shards into the scratch folder. */
async function writeMonth(
  db: DuckDBConnection,
  scratch: string,
  month: string,
  sources: readonly string[],
): Promise<MonthOutput> {
  const dir = join(scratch, 'out', `month=${month}`);
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'data.parquet');
  // Rows kept: not erased, and not the losing copy of an id kept in another month. Ids seen more
  // than once in the month (rare) are deduplicated apart, so the bulk of the rows is only sorted.
  const kept = `SELECT ${castColumns(FEEDBACK.columns)} FROM (${sources.join(' UNION ALL BY NAME ')}) AS r WHERE r.id NOT IN (SELECT id FROM _c_erased) AND (r.id NOT IN (SELECT id FROM _c_winners) OR r.id IN (SELECT id FROM _c_winners WHERE month = ${sqlString(month)}))`;
  await db.run(
    `COPY (WITH kept AS (${kept}), repeated AS (SELECT id FROM kept GROUP BY id HAVING count(*) > 1) SELECT * FROM kept WHERE id NOT IN (SELECT id FROM repeated) UNION ALL SELECT * FROM (SELECT * FROM kept WHERE id IN (SELECT id FROM repeated) QUALIFY row_number() OVER (PARTITION BY id ORDER BY ${FEEDBACK_KEEP_ORDER}) = 1) ORDER BY ${CURATED_FEEDBACK_ORDER}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
  );
  const counted = await db.runAndReadAll(`SELECT count(*) FROM read_parquet(${sqlString(path)})`);
  const rows = Number(counted.getRows()[0]?.[0] ?? 0);
  const shards = idShardCount(rows);
  const shardPaths: string[] = [];
  if (rows > 0) {
    // The shard of each id is hashed once; each shard file is then a cheap filter.
    await db.run(
      `CREATE OR REPLACE TABLE _c_ids AS SELECT id, ${shards > 1 ? ID_SHARD_SQL(shards) : '0'} AS shard FROM read_parquet(${sqlString(path)})`,
    );
    for (let k = 0; k < shards; k++) {
      const shardPath = join(dir, `ids-${k}.txt.gz`);
      await db.run(
        `COPY (SELECT id FROM _c_ids WHERE shard = ${k} ORDER BY id) TO ${sqlString(shardPath)} (FORMAT csv, HEADER false, COMPRESSION gzip)`,
      );
      shardPaths.push(shardPath);
    }
    await db.run('DROP TABLE _c_ids');
  }
  return { month, path, rows, shardPaths };
}

function shardKeys(month: string, shards: number): string[] {
  return Array.from({ length: shards }, (_, k) => feedbackIdShardKey(month, k, shards));
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}

import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LakeDataset } from '../lake/lake-columns.js';
import { curatedMonthKey, curatedSnapshotKey } from '../shared/lake-layout.js';
import { PERIOD_PATTERN } from '../shared/period.js';
import { blankObjects } from './blank-objects.js';
import type { CompactionContext } from './compaction-context.js';
import type { CuratedObject, MetricState } from './compaction-state.js';
import { castColumns, columnDefinitions } from './lake-database.js';
import { adoptFile, md5OfFile, syncObjects, uploadFile } from './lake-sync.js';
import type { BatchSet } from './metric-batch-set.js';
import { sqlColumnsStruct, sqlIdentifier, sqlString, sqlStringList } from './sql-text.js';

/** What compacting one metric dataset did. */
export interface MetricCompaction {
  readonly state: MetricState;
  /** Curated keys whose content changed, and keys emptied (no rows left). */
  readonly written: readonly string[];
  readonly removed: readonly string[];
}

const PARQUET_TYPE = 'application/vnd.apache.parquet';

/**
 * Rebuilds a metric dataset's curated files from the batches in force (called when the batch set
 * hash changed). DuckDB reads each batch's raw rows (typed by the dataset's column kinds) and
 * keeps the rows whose replacement-key value the batch is in force for. A snapshot dataset
 * becomes `curated/<dataset>/current.parquet` with `as_of`, the month its batch was activated; a
 * periodic one becomes one `curated/<dataset>/month=YYYY-MM/data.parquet` per month. Rows are
 * sorted by every column, so the same batches give the same bytes; files whose bytes didn't
 * change are not uploaded again; files of months that no longer have rows are emptied.
 */
export async function compactMetricDataset(
  ctx: CompactionContext,
  dataset: LakeDataset,
  batchSet: BatchSet,
  previous: MetricState | undefined,
): Promise<MetricCompaction> {
  const db = ctx.connection;
  const scratch = join(ctx.scratchDir, dataset.name);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const table = sqlIdentifier(`_m_${dataset.view}`);
  try {
    const files = await syncObjects(
      ctx.s3,
      ctx.bucket,
      batchSet.batches.map((b) => ({ key: b.rawKey, etag: b.etag })),
      ctx.mirrorDir,
      ctx.known,
    );
    const outputs: { key: string; path: string; rows: number }[] = [];
    if (dataset.kind === 'snapshot') {
      const batch = batchSet.batches[0];
      if (batch && files[0]) {
        const path = join(scratch, 'current.parquet');
        await db.run(
          `COPY (SELECT ${castColumns(dataset.rawColumns)}, ${sqlString(batch.asOf)} AS as_of FROM ${readRows(dataset, [files[0]])} ORDER BY ALL) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        outputs.push({
          key: curatedSnapshotKey(dataset.name),
          path,
          rows: await countRows(ctx, path),
        });
      }
    } else {
      await db.run(`CREATE OR REPLACE TABLE _m_keep (file VARCHAR, key VARCHAR)`);
      const appender = await db.createAppender('_m_keep');
      batchSet.batches.forEach((batch, i) => {
        for (const key of batch.keys) {
          appender.appendVarchar(files[i] as string);
          appender.appendVarchar(key);
          appender.endRow();
        }
      });
      appender.closeSync();
      const keyExpression = dataset.replacementKey
        .map((c) => `CAST(r.${sqlIdentifier(c)} AS VARCHAR)`)
        .join(` || '|' || `);
      if (files.length > 0) {
        await db.run(
          `CREATE OR REPLACE TABLE ${table} AS SELECT ${castColumns(dataset.rawColumns)} FROM ${readRows(dataset, files, true)} AS r SEMI JOIN _m_keep AS k ON k.file = r.filename AND k.key = ${keyExpression}`,
        );
      } else {
        await db.run(`CREATE OR REPLACE TABLE ${table} (${columnDefinitions(dataset.rawColumns)})`);
      }
      const months = await db.runAndReadAll(
        `SELECT month, count(*) AS n FROM ${table} GROUP BY month ORDER BY month`,
      );
      for (const [month] of months.getRows()) {
        const m = String(month);
        if (!PERIOD_PATTERN.test(m)) throw new Error(`${dataset.name}: month ${m} is not YYYY-MM`);
        const path = join(scratch, `${m}.parquet`);
        await db.run(
          `COPY (SELECT * FROM ${table} WHERE month = ${sqlString(m)} ORDER BY ALL) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
        );
        outputs.push({
          key: curatedMonthKey(dataset.name, m),
          path,
          rows: await countRows(ctx, path),
        });
      }
    }

    const before = new Map((previous?.objects ?? []).map((o) => [o.key, o]));
    const objects: CuratedObject[] = [];
    const written: string[] = [];
    for (const out of outputs) {
      const old = before.get(out.key);
      const md5 = await md5OfFile(out.path);
      if (old && old.etag === md5) {
        objects.push({ ...old, rows: out.rows });
        continue;
      }
      const etag = await uploadFile(ctx.s3, ctx.bucket, out.key, out.path, PARQUET_TYPE);
      await adoptFile(ctx.mirrorDir, out.key, out.path, etag, ctx.known);
      objects.push({ key: out.key, etag, rows: out.rows });
      written.push(out.key);
    }
    const kept = new Set(outputs.map((o) => o.key));
    const removed = [...before.keys()].filter((key) => !kept.has(key));
    await blankObjects(ctx, removed, dataset.columns);
    ctx.logger.info('dataset compacted', {
      dataset: dataset.name,
      batches: batchSet.batches.length,
      written: written.length,
      removed: removed.length,
    });
    return {
      state: {
        batchSetHash: batchSet.hash,
        objects: objects.sort((a, b) => (a.key < b.key ? -1 : 1)),
      },
      written,
      removed,
    };
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${table}`);
    await db.run('DROP TABLE IF EXISTS _m_keep');
    await rm(scratch, { recursive: true, force: true });
  }
}

function readRows(dataset: LakeDataset, files: readonly string[], filename = false): string {
  return `read_json(${sqlStringList(files)}, format = 'newline_delimited', columns = ${sqlColumnsStruct(dataset.rawColumns)}${filename ? ', filename = true' : ''})`;
}

async function countRows(ctx: CompactionContext, path: string): Promise<number> {
  const result = await ctx.connection.runAndReadAll(
    `SELECT count(*) FROM read_parquet(${sqlString(path)})`,
  );
  return Number(result.getRows()[0]?.[0] ?? 0);
}

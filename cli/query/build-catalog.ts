import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import {
  type CatalogColumn,
  type CatalogInfo,
  type CatalogView,
  catalogInfoSchema,
} from './catalog-info.js';
import { DATASET_VIEWS, type DatasetView, indicatorViewName } from './dataset-views.js';
import { type LakeFileEntry, listLakeFiles } from './lake-files.js';
import { sqlIdentifier, sqlString } from './sql-quote.js';

/** Bump when the view definitions change shape, so older catalog files are rebuilt. */
const CATALOG_FORMAT = 1;

/** A catalog file ready to be opened read-only, with its description. */
export interface Catalog {
  /** The DuckDB file holding the views (open it with `access_mode: 'READ_ONLY'`). */
  readonly file: string;
  readonly info: CatalogInfo;
  /** True when this call wrote the file; false when an identical one was reused. */
  readonly built: boolean;
}

/** Where {@link ensureCatalog} reads the lake and keeps catalog files. */
export interface EnsureCatalogOptions {
  /** The local lake copy (curated/ and published/ below it). */
  readonly lakeDir: string;
  /** A folder outside the lake for catalog files (`.mirante/query/`). */
  readonly stateDir: string;
}

const PUBLISHED_INDICATOR = /^published\/indicators\/([a-z][a-z0-9-]*)\/([^/]+)\.parquet$/;

/**
 * Returns a DuckDB catalog file with one view per dataset and per published indicator over the
 * lake copy. This is the writable, non-sandboxed step: the file is named after a fingerprint of
 * the lake's files (paths, sizes, modification times), so an unchanged lake reuses the existing
 * file, and a changed one gets a new file written beside (under a temporary name, then renamed),
 * never overwriting a file another session may have open. Older catalog files are removed.
 */
export async function ensureCatalog(options: EnsureCatalogOptions): Promise<Catalog> {
  await mkdir(options.lakeDir, { recursive: true });
  await mkdir(options.stateDir, { recursive: true });
  const lakeDir = await realpath(options.lakeDir);
  const files = await listLakeFiles(lakeDir);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ format: CATALOG_FORMAT, lakeDir, files }))
    .digest('hex')
    .slice(0, 20);
  const file = join(options.stateDir, `catalog-${fingerprint}.duckdb`);
  const sidecar = join(options.stateDir, `catalog-${fingerprint}.json`);

  if (existsSync(file) && existsSync(sidecar)) {
    const parsed = catalogInfoSchema.safeParse(JSON.parse(await readFile(sidecar, 'utf8')));
    if (parsed.success) return { file, info: parsed.data, built: false };
  }

  const planned = await planViews(lakeDir, files);
  const temp = `${file}.${process.pid}.tmp`;
  await rm(temp, { force: true });
  const instance = await DuckDBInstance.create(temp);
  try {
    const connection = await instance.connect();
    try {
      for (const view of planned) {
        await connection.run(`CREATE VIEW ${sqlIdentifier(view.info.name)} AS ${view.sql}`);
      }
      await connection.run('CHECKPOINT');
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
  await rm(`${temp}.wal`, { force: true });
  await rename(temp, file);
  const info: CatalogInfo = { lakeDir, fingerprint, views: planned.map((v) => v.info) };
  await writeFile(`${sidecar}.${process.pid}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  await rename(`${sidecar}.${process.pid}.tmp`, sidecar);
  await removeOtherCatalogs(options.stateDir, fingerprint);
  return { file, info, built: true };
}

interface PlannedView {
  readonly info: CatalogView;
  readonly sql: string;
}

async function planViews(lakeDir: string, files: readonly LakeFileEntry[]): Promise<PlannedView[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    const views: PlannedView[] = [];
    for (const dataset of DATASET_VIEWS) {
      views.push(await planDatasetView(connection, lakeDir, files, dataset));
    }
    for (const [id, entry] of latestIndicatorFiles(files)) {
      const source = `read_parquet(${sqlString(join(lakeDir, entry.path))})`;
      const columns = await describe(connection, source);
      const version = entry.path.match(PUBLISHED_INDICATOR)?.[2] ?? '';
      views.push({
        sql: `SELECT * FROM ${source}`,
        info: {
          name: indicatorViewName(id),
          kind: 'indicator',
          source: id,
          title: `Published indicator ${id} (version ${version}, after privacy rules)`,
          files: entry.path,
          empty: false,
          columns,
        },
      });
    }
    return views;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function planDatasetView(
  connection: DuckDBConnection,
  lakeDir: string,
  files: readonly LakeFileEntry[],
  dataset: DatasetView,
): Promise<PlannedView> {
  const base = `curated/${dataset.dataset}/`;
  const inside = files.filter((f) => f.path.startsWith(base)).map((f) => f.path.slice(base.length));
  const present =
    dataset.layout === 'periodic'
      ? inside.some((rest) => /^month=[^/]+\/[^/]+\.parquet$/.test(rest))
      : inside.includes('current.parquet');
  const info = {
    name: dataset.view,
    kind: 'dataset' as const,
    source: dataset.dataset,
    title: dataset.title,
  };
  if (!present) {
    const columns = dataset.columns.map(
      (c) => `CAST(NULL AS ${c.type}) AS ${sqlIdentifier(c.name)}`,
    );
    return {
      sql: `SELECT ${columns.join(', ')} LIMIT 0`,
      info: { ...info, files: null, empty: true, columns: [...dataset.columns] },
    };
  }
  const pattern =
    dataset.layout === 'periodic' ? `${base}month=*/*.parquet` : `${base}current.parquet`;
  const path = sqlString(join(lakeDir, pattern));
  const source =
    dataset.layout === 'periodic'
      ? `read_parquet(${path}, hive_partitioning = true, hive_types = {'month': 'VARCHAR'}, union_by_name = true)`
      : `read_parquet(${path})`;
  const found = await describe(connection, source);
  // Contract columns first, in contract order; anything else the files hold after them.
  const order = dataset.columns.map((c) => c.name);
  const columns = [
    ...order.flatMap((name) => found.filter((c) => c.name === name)),
    ...found.filter((c) => !order.includes(c.name)),
  ];
  return {
    sql: `SELECT ${columns.map((c) => sqlIdentifier(c.name)).join(', ')} FROM ${source}`,
    info: { ...info, files: pattern, empty: false, columns },
  };
}

async function describe(connection: DuckDBConnection, source: string): Promise<CatalogColumn[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  return reader.getRowObjects().map((r) => ({
    name: String(r.column_name),
    type: String(r.column_type),
  }));
}

/** The newest parquet file of each published indicator in the lake copy. */
function latestIndicatorFiles(files: readonly LakeFileEntry[]): Map<string, LakeFileEntry> {
  const latest = new Map<string, LakeFileEntry>();
  for (const entry of files) {
    const id = entry.path.match(PUBLISHED_INDICATOR)?.[1];
    if (!id) continue;
    const current = latest.get(id);
    if (!current || entry.mtimeMs > current.mtimeMs) latest.set(id, entry);
  }
  return new Map([...latest].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function removeOtherCatalogs(stateDir: string, keep: string): Promise<void> {
  for (const name of await readdir(stateDir)) {
    const fingerprint = name.match(/^catalog-([0-9a-f]+)\.(?:duckdb|json|duckdb\.tmp)$/)?.[1];
    if (fingerprint && fingerprint !== keep) {
      // An older session may still have its file open: on POSIX it keeps reading the unlinked
      // file; where removal fails, the next build tries again.
      await rm(join(stateDir, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

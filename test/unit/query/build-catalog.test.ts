import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCatalog } from '../../../cli/query/build-catalog.js';
import { DATASET_VIEWS } from '../../../cli/query/dataset-views.js';
import { openSandbox } from '../../../cli/query/open-sandbox.js';
import { writeFixtureLake } from './fixture-lake.js';

let root: string;
let lake: string;
let state: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mirante-catalog-'));
  lake = join(root, 'lake');
  state = join(root, 'state');
  await writeFixtureLake(lake);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('ensureCatalog', () => {
  it('creates one view per dataset and per published indicator, with contract columns first', async () => {
    const catalog = await ensureCatalog({ lakeDir: lake, stateDir: state });
    expect(catalog.built).toBe(true);
    const names = catalog.info.views.map((v) => v.name);
    expect(names).toEqual([...DATASET_VIEWS.map((d) => d.view), 'indicator_user_satisfaction']);
    const transactions = catalog.info.views.find((v) => v.name === 'transactions');
    expect(transactions?.columns.map((c) => c.name)).toEqual([
      'month',
      'service_id',
      'channel',
      'completed',
    ]);
    expect(transactions?.files).toBe('curated/transactions/month=*/*.parquet');
    const hotspots = catalog.info.views.find((v) => v.name === 'wifi_hotspots');
    expect(hotspots?.empty).toBe(true);
    expect(hotspots?.columns.map((c) => `${c.name} ${c.type}`)).toContain(
      'vulnerable_area BOOLEAN',
    );
  });

  it('reads the newest published version of an indicator', async () => {
    const catalog = await ensureCatalog({ lakeDir: lake, stateDir: state });
    const indicator = catalog.info.views.find((v) => v.kind === 'indicator');
    expect(indicator?.files).toBe('published/indicators/user-satisfaction/v2.parquet');
  });

  it('reuses the catalog file while the lake is unchanged', async () => {
    const first = await ensureCatalog({ lakeDir: lake, stateDir: state });
    const second = await ensureCatalog({ lakeDir: lake, stateDir: state });
    expect(second.built).toBe(false);
    expect(second.file).toBe(first.file);
  });

  it('builds a new file when the lake changes and removes the old one', async () => {
    const before = await ensureCatalog({ lakeDir: lake, stateDir: state });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const dir = join(lake, 'curated/wifi-reach/month=2024-01');
    await mkdir(dir, { recursive: true });
    // A month file without the month column: the partition folder provides it.
    await connection.run(
      `COPY (SELECT 'leste' AS region, 10 AS unique_users, 30 AS sessions) TO '${dir}/data.parquet' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const after = await ensureCatalog({ lakeDir: lake, stateDir: state });
    expect(after.built).toBe(true);
    expect(after.file).not.toBe(before.file);
    const reach = after.info.views.find((v) => v.name === 'wifi_reach');
    expect(reach?.empty).toBe(false);
    expect(reach?.columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'month VARCHAR',
      'region VARCHAR',
      'unique_users INTEGER',
      'sessions INTEGER',
    ]);
    const files = await readdir(state);
    expect(files.filter((f) => f.endsWith('.duckdb'))).toEqual([
      after.file.slice(state.length + 1),
    ]);

    const sandbox = await openSandbox(after.file, after.info.lakeDir, {
      memoryLimit: '256MB',
      threads: 1,
    });
    try {
      const rows = await sandbox.connection.runAndReadAll(
        'SELECT month, region, unique_users FROM wifi_reach',
      );
      expect(rows.getRowsJson()).toEqual([['2024-01', 'leste', 10]]);
    } finally {
      sandbox.close();
    }
  });

  it('opens the catalog read-only in the sandbox', async () => {
    const catalog = await ensureCatalog({ lakeDir: lake, stateDir: state });
    const sandbox = await openSandbox(catalog.file, catalog.info.lakeDir, {
      memoryLimit: '256MB',
      threads: 1,
    });
    try {
      await expect(sandbox.connection.run('CREATE VIEW main.x AS SELECT 1')).rejects.toThrow(
        /read-only/,
      );
      const settings = await sandbox.connection.runAndReadAll(
        "SELECT current_setting('enable_external_access'), current_setting('lock_configuration'), current_setting('threads')",
      );
      expect(settings.getRowsJson()).toEqual([[false, true, '1']]);
    } finally {
      sandbox.close();
    }
  });

  it('treats a lake without files as empty views with typed columns', async () => {
    const empty = join(root, 'empty-lake');
    const catalog = await ensureCatalog({ lakeDir: empty, stateDir: join(root, 'empty-state') });
    expect(catalog.info.views.every((v) => v.empty)).toBe(true);
    await writeFile(join(empty, 'README'), 'not a dataset');
    const again = await ensureCatalog({ lakeDir: empty, stateDir: join(root, 'empty-state') });
    expect(again.info.views.every((v) => v.empty)).toBe(true);
  });
});

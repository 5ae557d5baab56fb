import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQueryCommand } from '../../../cli/commands/query.js';
import { localPaths, writeEndpoints } from '../../../cli/local-files.js';
import { localLakeLocation } from '../../../cli/query/lake-location.js';
import { syncLakeSource } from '../../../cli/query/sync-lake-source.js';
import { toItemAttributes } from '../../../functions/publish/manifest.js';
import { manifestIndexKey, manifestKey } from '../../../functions/shared/table-keys.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';
import { writeFixtureLake } from '../../unit/query/fixture-lake.js';
import { snapshotFiles } from '../../unit/query/lake-snapshot.js';
import { testContext, testIo } from '../../unit/query/query-io-fixture.js';

let stack: TestStack;
let work: string;
let fixture: Record<string, string>;
const env = { MIRANTE_TABLE: 'mirante-test' };

async function put(key: string, body: Buffer | string): Promise<void> {
  await stack.clients.s3.send(
    new PutObjectCommand({ Bucket: stack.config.lakeBucket, Key: key, Body: body }),
  );
}

beforeAll(async () => {
  stack = await startTestStack(env);
  work = await mkdtemp(join(tmpdir(), 'mirante-sync-'));
  const source = join(work, 'fixture');
  await writeFixtureLake(source);
  fixture = await snapshotFiles(source);
  const files = Object.keys(fixture).filter((k) => !k.endsWith('/'));
  // The same lake at the bucket root (the local stack) and under a prefix (a "deployed" copy).
  for (const root of ['', 'mirror/']) {
    for (const key of files.filter((k) => !k.endsWith('v2.parquet'))) {
      await put(`${root}${key}`, await readFile(join(source, key)));
    }
    await put(`${root}published/indicators/user-satisfaction/v1.json`, '{}');
    await put(`${root}curated/_state/compaction.json`, '{}');
  }
  // v2 is uploaded last: the newest object, but the manifest (local stack) still names v1.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  for (const root of ['', 'mirror/']) {
    const v2 = 'published/indicators/user-satisfaction/v2.parquet';
    await put(`${root}${v2}`, await readFile(join(source, v2)));
  }
  await stack.clients.doc.send(
    new PutCommand({
      TableName: stack.config.tableName,
      Item: {
        ...manifestKey('user-satisfaction'),
        ...manifestIndexKey('user-satisfaction'),
        ...toItemAttributes({
          indicatorId: 'user-satisfaction',
          version: 'v1',
          computedAt: '2024-04-01T00:00:00Z',
          jsonKey: 'published/indicators/user-satisfaction/v1.json',
          csvKey: 'published/indicators/user-satisfaction/v1.csv',
          parquetKey: 'published/indicators/user-satisfaction/v1.parquet',
          inputsHash: 'x',
          rowCount: 3,
        }),
      },
    }),
  );
});

afterAll(async () => {
  await stack?.close();
  await rm(work, { recursive: true, force: true });
});

describe('syncing the analysts lake copy through the S3 API', () => {
  it('mirrors curated/ and the latest published version from the running local stack, then only changes', async () => {
    const cwd = join(work, 'project');
    await writeEndpoints(localPaths(join(cwd, '.mirante')), {
      api: 'http://localhost:0',
      ...stack.endpoints,
      pid: process.pid,
      table: stack.config.tableName,
      bucket: stack.config.lakeBucket,
      startedAt: new Date().toISOString(),
    });
    const location = localLakeLocation(cwd);
    const progress = testIo().stderr;
    const curatedFiles = Object.keys(fixture).filter(
      (k) => k.startsWith('curated/') && !k.endsWith('/'),
    );

    const first = await syncLakeSource(location, { cwd, env, progress });
    expect(first).toEqual({
      objects: curatedFiles.length + 1,
      downloaded: curatedFiles.length + 1,
      downloadedBytes: expect.any(Number),
      removed: 0,
    });
    const copy = await snapshotFiles(location.lakeDir);
    for (const key of curatedFiles) expect(copy[key]).toBe(fixture[key]);
    expect(copy['published/indicators/user-satisfaction/v1.parquet']).toBe(
      fixture['published/indicators/user-satisfaction/v1.parquet'],
    );
    expect(copy['published/indicators/user-satisfaction/v2.parquet']).toBeUndefined();
    expect(copy['published/indicators/user-satisfaction/v1.json']).toBeUndefined();
    expect(copy['curated/_state/compaction.json']).toBeUndefined();

    const again = await syncLakeSource(location, { cwd, env, progress });
    expect(again?.downloaded).toBe(0);
    expect(again?.removed).toBe(0);

    await put(
      'curated/services/current.parquet',
      await readFile(join(work, 'fixture', 'curated/transactions/month=2024-01/data.parquet')),
    );
    await stack.clients.s3.send(
      new DeleteObjectCommand({
        Bucket: stack.config.lakeBucket,
        Key: 'curated/feedback/month=2024-03/data.parquet',
      }),
    );
    const changed = await syncLakeSource(location, { cwd, env, progress });
    expect(changed?.downloaded).toBe(1);
    expect(changed?.removed).toBe(1);

    const io = testIo();
    const code = await runQueryCommand(
      testContext(
        cwd,
        ['SELECT count(*) AS n, count(DISTINCT month) AS months FROM feedback'],
        io,
        env,
      ),
      io,
    );
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toBe('n,months\n200,2\n');
  });

  it('syncs a deployed lake (--lake s3://bucket/prefix) into the cache with a progress bar, then queries it', async () => {
    const cache = join(work, 'cache');
    const remoteEnv = {
      AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
      AWS_REGION: stack.config.region,
      MIRANTE_CACHE_DIR: cache,
    };
    const cwd = join(work, 'analyst');
    const io = testIo({ stderrTTY: true, columns: 100 });
    const code = await runQueryCommand(
      testContext(
        cwd,
        [
          '--lake',
          `s3://${stack.config.lakeBucket}/mirror/`,
          '--format',
          'csv',
          'SELECT period, value FROM indicator_user_satisfaction ORDER BY period LIMIT 1',
        ],
        io,
        remoteEnv,
      ),
      io,
    );
    expect(code).toBe(0);
    expect(io.err()).toMatch(/\rSyncing s3:\/\/mirante-lake\/mirror\/ \[[█░]+\] \d+\/\d+ files/);
    expect(io.err()).toMatch(/Synced s3:\/\/mirante-lake\/mirror\/: \d+ objects, \d+ downloaded/);
    // Without manifests the newest object wins: v2 (value 2.5).
    expect(io.out()).toBe('period,value\n2024-01,2.5\n');
    const lake = join(cache, stack.config.lakeBucket, 'mirror', 'lake');
    const copy = await snapshotFiles(lake);
    expect(Object.keys(copy).filter((k) => k.startsWith('published/') && !k.endsWith('/'))).toEqual(
      ['published/indicators/user-satisfaction/v2.parquet'],
    );

    const second = testIo({ stderrTTY: false });
    await runQueryCommand(
      testContext(
        cwd,
        ['--lake', `s3://${stack.config.lakeBucket}/mirror`, 'SELECT 1 AS one'],
        second,
        remoteEnv,
      ),
      second,
    );
    expect(second.err()).toMatch(/: \d+ objects, 0 downloaded \(0\.0 MB\)\.\n$/);
  });

  it('warns and queries the existing copy when the lake cannot be reached', async () => {
    const cwd = join(work, 'project');
    await writeFile(
      join(cwd, '.mirante', 'endpoints.json'),
      JSON.stringify({
        pid: process.pid,
        dynamodb: 'http://127.0.0.1:9',
        s3: 'http://127.0.0.1:9',
      }),
    );
    const io = testIo();
    const code = await runQueryCommand(
      testContext(cwd, ['SELECT count(*) AS n FROM feedback'], io, env),
      io,
    );
    expect(code).toBe(0);
    expect(io.err()).toMatch(/^Warning: could not sync from the local stack/);
    expect(io.out()).toBe('n\n200\n');
  });
});

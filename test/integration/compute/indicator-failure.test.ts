import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';
import { readManifest } from '../../../functions/publish/manifest.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';
import { ratings, recordingLogger, runCompute, writeBucket } from './compute-fixtures.js';

const NOW = new Date('2025-03-20T12:00:00.000Z');
const IDS = ['completion-rate', 'feedback-volume', 'user-satisfaction', 'digital-services-share'];

let stack: TestStack;
let dir: string;

const load = () => loadIndicators(dir, { minCellFloor: 10 });
const versionOf = async (id: string) =>
  (await readManifest(stack.clients.doc, stack.config.tableName, id))?.version;

beforeAll(async () => {
  stack = await startTestStack();
  dir = await mkdtemp(join(tmpdir(), 'mirante-queries-'));
  await copyFile('queries/dimensions.yaml', join(dir, 'dimensions.yaml'));
  for (const id of IDS) {
    await copyFile(`queries/${id}.sql`, join(dir, `${id}.sql`));
    await copyFile(`queries/${id}.yaml`, join(dir, `${id}.yaml`));
  }
  await writeBucket(stack, '20250310T180000Z', ratings('a', 12));
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

describe('one indicator failing', () => {
  it("doesn't stop the others, keeps its previous version and is reported", async () => {
    const first = await runCompute(stack, await load(), { now: NOW });
    expect(first.outcomes.map((o) => o.status)).toEqual(IDS.map(() => 'published'));
    const before = Object.fromEntries(
      await Promise.all(IDS.map(async (id) => [id, await versionOf(id)])),
    );

    // Bad SQL; a declared test the rows fail; an undeclared source; and new data for the others.
    await writeFile(join(dir, 'user-satisfaction.sql'), 'SELECT period, FROM nowhere;\n');
    const volume = await readFile(join(dir, 'feedback-volume.yaml'), 'utf8');
    await writeFile(
      join(dir, 'feedback-volume.yaml'),
      volume.replace(/^tests:\n/m, 'tests:\n  - { test: range, column: value, max: 5 }\n'),
    );
    const share = await readFile(join(dir, 'digital-services-share.sql'), 'utf8');
    await writeFile(
      join(dir, 'digital-services-share.sql'),
      share.replace(
        'FROM services',
        'FROM services WHERE service_id NOT IN (SELECT service_id FROM feedback)',
      ),
    );
    await writeBucket(stack, '20250311T180000Z', ratings('b', 3, { outcome: 'gave_up' }));

    const logger = recordingLogger();
    const second = await runCompute(stack, await load(), { now: NOW, logger });
    const byId = Object.fromEntries(second.outcomes.map((o) => [o.id, o]));
    expect(byId['completion-rate']?.status).toBe('published');
    expect(byId['user-satisfaction']).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('the query failed'),
    });
    expect(byId['feedback-volume']).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('declared tests failed'),
    });
    expect(byId['digital-services-share']).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('feedback, missing from sources'),
    });

    for (const id of ['user-satisfaction', 'feedback-volume', 'digital-services-share']) {
      expect(await versionOf(id)).toBe(before[id]);
    }
    expect(await versionOf('completion-rate')).not.toBe(before['completion-rate']);
    const metrics = logger.lines.filter((l) => 'IndicatorFailed' in l).map((l) => l.indicator);
    expect(metrics.sort()).toEqual([
      'digital-services-share',
      'feedback-volume',
      'user-satisfaction',
    ]);
    expect(
      logger.lines.filter((l) => l.level === 'error' && l.message === 'indicator failed'),
    ).toHaveLength(3);
  });
});

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../cli/args.js';
import { runIndicatorsCommand } from '../../../cli/commands/indicators.js';
import { writeFixtureLake } from './fixture-lake.js';
import { testContext, testIo } from './query-io-fixture.js';

let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mirante-indicators-cmd-'));
  const lake = join(cwd, '.mirante', 'lake');
  await writeFixtureLake(lake);
  // A thin month: 5 ratings, so every cell of 2024-04 is below min_cell.
  const dir = join(lake, 'curated/feedback/month=2024-04');
  await mkdir(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (
    SELECT 'thin-' || i::VARCHAR AS id, 'svc-0' AS service_id, 5 AS rating, 'completed' AS outcome,
           'web' AS channel, 'leste' AS region, NULL::VARCHAR AS reason, NULL::VARCHAR AS comment,
           '2024-04-02T10:00:00Z' AS received_at, '2024-04-02T10:00:00Z' AS collected_at, '2024-04' AS month
    FROM range(5) t(i)) TO '${dir}/data.parquet' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function indicators(argv: string[], options: Parameters<typeof testIo>[0] = {}) {
  const io = testIo(options);
  const code = await runIndicatorsCommand(testContext(cwd, argv, io), io);
  return { code, out: io.out(), err: io.err() };
}

describe('mirante indicators', () => {
  it('lists the catalogue with each indicator view', async () => {
    const { code, out } = await indicators(['list']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('id,theme,unit,frequency,view,title');
    expect(lines).toHaveLength(13);
    expect(out).toContain(
      'user-satisfaction,services,score,continuous,indicator_user_satisfaction,',
    );
  });

  it('shows metadata, methodology and SQL', async () => {
    const { out } = await indicators(['show', 'user-satisfaction']);
    expect(out).toMatch(/^user-satisfaction — /);
    expect(out).toContain('Methodology');
    expect(out).toContain('Breakdowns: [service_id] [channel] [region] []');
    expect(out).toContain('FROM feedback');
  });

  it('suggests the closest id for an unknown indicator', async () => {
    await expect(indicators(['show', 'user-satisfacton'])).rejects.toThrow(UsageError);
    await expect(indicators(['show', 'user-satisfacton'])).rejects.toThrow(
      /Did you mean user-satisfaction\?/,
    );
  });

  it('runs an indicator before the privacy rules, with a banner and would_suppress', async () => {
    const { code, out, err } = await indicators([
      'run',
      'user-satisfaction',
      '--no-sync',
      '--format',
      'csv',
    ]);
    expect(code).toBe(0);
    expect(err).toContain(
      'UNPUBLISHED — user-satisfaction computed from the lake copy BEFORE the privacy rules',
    );
    expect(err).toMatch(/rows; the privacy rules would suppress [1-9]\d*/);
    const [header, ...rows] = out.trim().split('\n');
    expect(header).toBe(
      'period,service_id,channel,region,value,n,status,share_4_5,rating_1,rating_2,rating_3,rating_4,rating_5,would_suppress',
    );
    const thinTotal = rows.find((r) => r.startsWith('2024-04,_T,_T,_T,'));
    expect(thinTotal).toBe('2024-04,_T,_T,_T,1,5,,100,0,0,0,0,5,true');
    const fullTotal = rows.find((r) => r.startsWith('2024-01,_T,_T,_T,'));
    expect(fullTotal).toBe('2024-01,_T,_T,_T,0.5,100,,40,20,20,20,20,20,false');
  });

  it('frames a terminal table with the banner', async () => {
    const { out } = await indicators(['run', 'feedback-volume', '--no-sync'], {
      stdoutTTY: true,
      columns: 200,
    });
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^\*\*\* UNPUBLISHED — feedback-volume/);
    expect(lines.at(-1)).toMatch(/do not share or publish/);
    expect(out).toContain('│ would_suppress │');
  });
});

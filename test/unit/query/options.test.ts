import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../cli/args.js';
import { resolveOutputFormat } from '../../../cli/query/output-format.js';
import { s3LocationSchema } from '../../../cli/query/s3-location.js';
import { sessionSettings } from '../../../cli/query/session-options.js';

describe('resolveOutputFormat', () => {
  it('defaults to a table on a terminal and CSV in a pipe', () => {
    expect(resolveOutputFormat(undefined, undefined, true)).toBe('table');
    expect(resolveOutputFormat(undefined, undefined, false)).toBe('csv');
  });

  it('takes the format from the --out extension', () => {
    expect(resolveOutputFormat(undefined, 'a.parquet', true)).toBe('parquet');
    expect(resolveOutputFormat(undefined, 'a.JSON', true)).toBe('json');
    expect(resolveOutputFormat(undefined, 'a.txt', false)).toBe('table');
    expect(resolveOutputFormat(undefined, 'a.tsv', true)).toBe('csv');
    expect(resolveOutputFormat('json', 'a.csv', true)).toBe('json');
  });

  it('refuses Parquet without a file and unknown formats', () => {
    expect(() => resolveOutputFormat('parquet', undefined, true)).toThrow(/--out FILE.parquet/);
    expect(() => resolveOutputFormat('xlsx', undefined, true)).toThrow(UsageError);
  });
});

describe('s3LocationSchema', () => {
  it.each([
    ['s3://mirante-lake', { bucket: 'mirante-lake', prefix: '' }],
    ['s3://mirante-lake/', { bucket: 'mirante-lake', prefix: '' }],
    ['s3://mirante-lake/city/prod', { bucket: 'mirante-lake', prefix: 'city/prod/' }],
    ['s3://mirante-lake/city/curated/', { bucket: 'mirante-lake', prefix: 'city/' }],
    ['s3://mirante-lake/curated', { bucket: 'mirante-lake', prefix: '' }],
  ])('%s', (url, expected) => {
    expect(s3LocationSchema.parse(url)).toEqual(expected);
  });

  it.each(['mirante-lake', 'https://x/y', 's3://UPPER/x', 's3://a'])('refuses %s', (url) => {
    expect(s3LocationSchema.safeParse(url).success).toBe(false);
  });
});

describe('sessionSettings', () => {
  it('uses the local lake copy and documented defaults', () => {
    const s = sessionSettings({}, '/project', {});
    expect(s.location.lakeDir).toBe(join('/project', '.mirante', 'lake'));
    expect(s.location.stateDir).toBe(join('/project', '.mirante', 'query'));
    expect(s.timeoutMs).toBe(60_000);
    expect(s.sync).toBe(true);
    expect(s.maxRows).toBe(40);
    expect(s.memoryLimit).toMatch(/^\d+MB$/);
  });

  it('caches a deployed lake under the cache folder, by bucket and prefix', () => {
    const s = sessionSettings(
      { lake: 's3://city-lake/prod', 'no-sync': true, timeout: '2.5' },
      '/p',
      {
        MIRANTE_CACHE_DIR: '/cache',
      },
    );
    expect(s.location.lakeDir).toBe('/cache/city-lake/prod/lake');
    expect(s.location.stateDir).toBe('/cache/city-lake/prod/state');
    expect(s.location.label).toBe('s3://city-lake/prod/');
    expect(s.sync).toBe(false);
    expect(s.timeoutMs).toBe(2500);
    expect(
      sessionSettings({ lake: 's3://city-lake' }, '/p', { XDG_CACHE_HOME: '/xdg' }).location
        .lakeDir,
    ).toBe('/xdg/mirante/city-lake/_root/lake');
  });

  it('refuses bad values with usage errors', () => {
    expect(() => sessionSettings({ timeout: '0' }, '/p', {})).toThrow(
      /--timeout must be a positive number/,
    );
    expect(() => sessionSettings({ threads: 'many' }, '/p', {})).toThrow(UsageError);
    expect(() => sessionSettings({ 'memory-limit': 'lots' }, '/p', {})).toThrow(/--memory-limit/);
    expect(() => sessionSettings({ lake: 'bucket/prefix' }, '/p', {})).toThrow(
      /--lake bucket\/prefix/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../../functions/datasets/datasets.js';
import {
  MAX_METRICS_BODY_BYTES,
  metricsBodyFormat,
  parseMetricsBody,
} from '../../../functions/datasets/parse-metrics-body.js';
import { ProblemError } from '../../../functions/shared/problem.js';
import { GOOD_ROWS } from './fixtures.js';

function problemOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error('expected a ProblemError');
}

const reach = DATASETS['wifi-reach'];
const REACH_CSV = 'month,region,unique_users,sessions\n2024-03,norte,31000,180000\n';

describe('metricsBodyFormat', () => {
  it.each([
    ['text/csv', 'csv'],
    ['text/csv; charset=utf-8', 'csv'],
    ['application/csv', 'csv'],
    ['application/json', 'json'],
    ['Application/JSON; charset=UTF-8', 'json'],
    ['application/vnd.mirante+json', 'json'],
  ])('%s → %s', (type, format) => {
    expect(metricsBodyFormat(type)).toBe(format);
  });

  it.each([undefined, '', 'text/plain', 'multipart/form-data', 'text/csv; charset=iso-8859-1'])(
    'refuses %s with 415',
    (type) => {
      expect(problemOf(() => metricsBodyFormat(type)).status).toBe(415);
    },
  );
});

describe('parseMetricsBody', () => {
  it('parses CSV and JSON bodies to the same typed rows', () => {
    const csv = parseMetricsBody(reach, Buffer.from(REACH_CSV), 'text/csv');
    const json = parseMetricsBody(
      reach,
      JSON.stringify({ rows: [GOOD_ROWS['wifi-reach']] }),
      'application/json',
    );
    expect(csv).toEqual({
      format: 'csv',
      delimiter: ',',
      rows: [GOOD_ROWS['wifi-reach']],
      rowNumbers: [2],
    });
    expect(json).toEqual({ format: 'json', rows: csv.rows, rowNumbers: [1] });
  });

  it('refuses an oversized body with 413 before reading it', () => {
    const p = problemOf(() => parseMetricsBody(reach, 'x'.repeat(101), 'text/csv', 100));
    expect(p.status).toBe(413);
    expect(p.message).toContain('incoming/wifi-reach/');
    expect(MAX_METRICS_BODY_BYTES).toBe(5 * 1024 * 1024);
  });

  it.each([
    ['malformed JSON', '{"rows": [', 400, 'invalid-json'],
    ['an empty body', '', 422, 'unprocessable-content'],
    ['a JSON array', '[]', 422, 'unprocessable-content'],
    ['rows not an array', '{"rows": {}}', 422, 'unprocessable-content'],
    ['no rows', '{"rows": []}', 422, 'unprocessable-content'],
    ['extra properties', '{"rows": [{}], "dataset": "x"}', 422, 'unprocessable-content'],
    ['a bad row', '{"rows": [{"month": "2024-03"}]}', 422, 'invalid-rows'],
  ])('refuses %s', (_, body, status, kind) => {
    const p = problemOf(() => parseMetricsBody(reach, body, 'application/json'));
    expect([p.status, p.kind]).toEqual([status, kind]);
  });

  it('refuses invalid UTF-8 in JSON too', () => {
    const body = Buffer.concat([
      Buffer.from('{"rows":[{"month":"'),
      Buffer.from([0xff]),
      Buffer.from('"}]}'),
    ]);
    expect(problemOf(() => parseMetricsBody(reach, body, 'application/json')).message).toContain(
      'not valid UTF-8',
    );
  });

  it('rejects the whole batch for one bad row deep in a large file', () => {
    const lines = ['month,service_id,channel,completed'];
    for (let i = 0; i < 50_000; i++) lines.push(`2024-03,svc-${i},web,${i}`);
    lines[39_999] = '2024-03,svc-bad,web,lots';
    const p = problemOf(() =>
      parseMetricsBody(DATASETS.transactions, lines.join('\n'), 'text/csv'),
    );
    expect(p.kind).toBe('invalid-rows');
    expect(p.toBody().errors).toEqual([
      expect.objectContaining({ row: 40_000, column: 'completed', value: 'lots' }),
    ]);
  });

  it('reads a 5 MB CSV quickly', () => {
    const channels = ['web', 'app', 'telecentro', 'phone', 'in_person'];
    const parts = ['month;service_id;channel;completed\r\n'];
    let size = parts[0]?.length ?? 0;
    let n = 0;
    while (size < MAX_METRICS_BODY_BYTES - 64) {
      const line = `2024-${String((n % 12) + 1).padStart(2, '0')};"svc-${Math.floor(n / 60)}";${channels[n % 5]};${(n * 7919) % 100_000}\r\n`;
      parts.push(line);
      size += line.length;
      n++;
    }
    const body = Buffer.from(parts.join(''));
    const started = performance.now();
    const { rows, delimiter } = parseMetricsBody(DATASETS.transactions, body, 'text/csv');
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `5 MB CSV: ${rows.length} rows in ${seconds.toFixed(2)} s (${Math.round(rows.length / seconds)} rows/s)`,
    );
    expect(delimiter).toBe(';');
    expect(rows).toHaveLength(n);
    // ≈1 s alone; generous for a shared machine under heavy load.
    expect(seconds).toBeLessThan(20);
  });
});

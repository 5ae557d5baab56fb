import { describe, expect, it } from 'vitest';
import { DATASETS } from '../../../functions/datasets/datasets.js';
import { parseCsv } from '../../../functions/datasets/parse-csv.js';
import { MAX_ROW_ERRORS } from '../../../functions/datasets/row-errors.js';
import { assertValidRows, validateRows } from '../../../functions/datasets/validate-rows.js';
import { ProblemError } from '../../../functions/shared/problem.js';
import { GOOD_ROWS } from './fixtures.js';

const transactions = DATASETS.transactions;
const tx = (month: string, service_id: string, channel: string, completed: unknown) => ({
  month,
  service_id,
  channel,
  completed,
});

describe('validateRows', () => {
  it('numbers JSON rows from 1 and points at rows[i]/column', () => {
    const result = validateRows(transactions, [
      tx('2024-03', 'svc-1', 'web', 1),
      tx('2024-03', 'svc-1', 'app', 'x'),
    ]);
    expect(result).toEqual({
      ok: false,
      errorCount: 1,
      errors: [
        {
          row: 2,
          column: 'completed',
          value: 'x',
          message: 'must be a whole number, 0 or more, without thousands separators',
          pointer: '/rows/1/completed',
        },
      ],
    });
  });

  it('refuses rows that are not objects', () => {
    const result = validateRows(transactions, [null, [1, 2], 'row', tx('2024-03', 's', 'web', 1)]);
    expect(!result.ok && result.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [1, null, null],
      [2, null, '[array]'],
      [3, null, 'row'],
    ]);
  });

  it('reports every bad column of a row, in header order', () => {
    const result = validateRows(transactions, [{ completed: -1, channel: 'fax', month: '24-03' }]);
    expect(!result.ok && result.errors.map((e) => e.column)).toEqual([
      'month',
      'service_id',
      'channel',
      'completed',
    ]);
  });

  it('rejects a second row with the same grain, naming the first', () => {
    const result = validateRows(transactions, [
      tx('2024-03', 'svc-1', 'web', 1),
      tx('2024-03', 'svc-1', 'app', 2),
      tx('2024-03', 'svc-1', 'web', 3),
    ]);
    expect(!result.ok && result.errors).toEqual([
      {
        row: 3,
        column: null,
        value: null,
        message: 'repeats row 1: same month, service_id, channel',
        pointer: '/rows/2',
      },
    ]);
    const csv = parseCsv(
      DATASETS.services,
      'service_id,name_pt,name_en,category,digital_level\ns1,a,b,saude,full\ns1,c,d,saude,none\n',
    );
    const snapshot = validateRows(DATASETS.services, csv);
    expect(!snapshot.ok && snapshot.errors[0]?.message).toBe('repeats row 2: same service_id');
  });

  it('caps the list at 100 errors but counts them all', () => {
    const rows = Array.from({ length: 250 }, (_, i) => tx('2024-03', `svc-${i}`, 'web', -1));
    const result = validateRows(transactions, rows);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(MAX_ROW_ERRORS).toBe(100);
    expect(result.errors).toHaveLength(100);
    expect(result.errorCount).toBe(250);
    expect(result.errors.at(-1)?.row).toBe(100);
  });

  it('echoes long values cut and objects described', () => {
    const result = validateRows(DATASETS.services, [
      { ...GOOD_ROWS.services, name_pt: 'x'.repeat(500), category: { a: 1 } },
    ]);
    expect(!result.ok && result.errors.map((e) => e.value)).toEqual([
      `${'x'.repeat(200)}…`,
      '[object]',
    ]);
  });
});

describe('assertValidRows', () => {
  it('returns the typed rows', () => {
    expect(assertValidRows(DATASETS['wifi-reach'], [GOOD_ROWS['wifi-reach']])).toEqual([
      GOOD_ROWS['wifi-reach'],
    ]);
  });

  it('throws the 422 invalid-rows problem with field errors and the total', () => {
    const rows = Array.from({ length: 120 }, () => ({ ...GOOD_ROWS['wifi-reach'], region: 'x' }));
    try {
      assertValidRows(DATASETS['wifi-reach'], rows);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      const body = (e as ProblemError).toBody('/v1/metrics/wifi-reach');
      expect(body).toMatchObject({
        type: 'https://mirante.dev/problems/invalid-rows',
        status: 422,
        dataset: 'wifi-reach',
        errorCount: 120,
      });
      expect(body.detail).toBe(
        '120 errors in the wifi-reach rows; the first 100 are listed. Nothing was stored.',
      );
      expect(body.errors).toHaveLength(100);
      expect(body.errors?.[0]).toEqual({
        pointer: '/rows/0/region',
        detail: expect.stringContaining('must be one of'),
        row: 1,
        column: 'region',
        value: 'x',
      });
    }
  });
});

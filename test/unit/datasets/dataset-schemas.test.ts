import { describe, expect, it } from 'vitest';
import { REGIONS, SERVICE_CATEGORIES } from '../../../functions/datasets/column-types.js';
import { DATASET_NAMES, DATASETS, type DatasetName } from '../../../functions/datasets/datasets.js';
import { validateRows } from '../../../functions/datasets/validate-rows.js';
import { GOOD_ROWS } from './fixtures.js';

/** [dataset, column, bad value, fragment of the message]. */
const BAD_VALUES: [DatasetName, string, unknown, string][] = [
  // ids and text
  ['services', 'service_id', 'svc 0001', 'letters, digits'],
  ['services', 'service_id', '-svc', 'starting with a letter or digit'],
  ['services', 'service_id', 'x'.repeat(65), 'letters, digits'],
  ['services', 'service_id', 17, 'identifier'],
  ['services', 'name_pt', undefined, 'is required'],
  ['services', 'name_en', 'x'.repeat(201), 'at most 200'],
  ['services', 'name_pt', 'two\nlines', 'line breaks'],
  ['services', 'category', 'health', 'one of: saude'],
  ['services', 'digital_level', 'FULL', 'one of: full, partial, none'],
  // booleans, coordinates, dates
  ['wifi-hotspots', 'vulnerable_area', 'true', 'true or false'],
  ['wifi-hotspots', 'vulnerable_area', 1, 'true or false'],
  ['wifi-hotspots', 'latitude', -23.55, 'Belo Horizonte'],
  ['wifi-hotspots', 'latitude', -19.7, 'Belo Horizonte'],
  ['wifi-hotspots', 'longitude', -46.63, 'Belo Horizonte'],
  ['wifi-hotspots', 'longitude', '-43.9', 'decimal number'],
  ['wifi-hotspots', 'region', 'Centro-Sul', 'one of: barreiro'],
  ['wifi-hotspots', 'region', 'centro', 'one of: barreiro'],
  ['wifi-hotspots', 'active_since', '2023-02-29', 'real date'],
  ['wifi-hotspots', 'active_since', '15/03/2021', 'YYYY-MM-DD'],
  ['wifi-hotspots', 'active_since', '2021-03-15T10:00:00Z', 'YYYY-MM-DD'],
  ['telecentros', 'host_type', 'church', 'one of: social_assistance'],
  ['telecentros', 'opened_on', '2012-13-01', 'real date'],
  // months and counts
  ['transactions', 'month', '2024-13', 'YYYY-MM'],
  ['transactions', 'month', '2024-3', 'YYYY-MM'],
  ['transactions', 'month', '2024-03-01', 'YYYY-MM'],
  ['transactions', 'channel', 'email', 'one of: web, app, telecentro, phone, in_person'],
  ['transactions', 'completed', -1, 'whole number, 0 or more'],
  ['transactions', 'completed', 1.5, 'whole number'],
  ['transactions', 'completed', '12', 'whole number'],
  ['transactions', 'completed', 3_000_000_000, 'at most'],
  ['wifi-reach', 'unique_users', Number.NaN, 'whole number'],
  ['wifi-reach', 'sessions', 30_999, 'at least unique_users'],
  ['device-donations', 'device_type', 'phone', 'one of: computer, notebook, tablet'],
  ['device-donations', 'programme', undefined, 'is required'],
  ['device-donations', 'quantity', null, 'is required'],
  ['course-certifications', 'track', 'python', 'one of: basic, programming, web, other'],
  ['course-certifications', 'audience', 'adults', 'one of: women, elderly, youth, general'],
  ['course-certifications', 'gender', 'f', 'one of: female, male, other, not_informed'],
  ['course-certifications', 'age_band', '60-69', 'one of: 15-17, 18-29'],
  ['course-certifications', 'certified', -3, 'whole number'],
];

describe('dataset row schemas', () => {
  it.each(DATASET_NAMES)('accepts a good %s row and types it', (name) => {
    const result = validateRows(DATASETS[name], [GOOD_ROWS[name]]);
    expect(result).toEqual({ ok: true, rows: [GOOD_ROWS[name]] });
  });

  it.each(BAD_VALUES)('%s rejects %s = %j', (name, column, value, message) => {
    const row = { ...GOOD_ROWS[name], [column]: value };
    const result = validateRows(DATASETS[name], [row]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 1, column });
    expect(result.errors[0]?.message).toContain(message);
  });

  it('rejects an empty name given as an empty string', () => {
    const result = validateRows(DATASETS.services, [{ ...GOOD_ROWS.services, name_pt: '' }]);
    expect(!result.ok && result.errors[0]?.message).toBe('must not be empty');
  });

  it('names every allowed region and category in the messages', () => {
    const r = validateRows(DATASETS['wifi-reach'], [{ ...GOOD_ROWS['wifi-reach'], region: 'x' }]);
    const s = validateRows(DATASETS.services, [{ ...GOOD_ROWS.services, category: 'x' }]);
    for (const region of REGIONS) expect(!r.ok && r.errors[0]?.message).toContain(region);
    for (const c of SERVICE_CATEGORIES) expect(!s.ok && s.errors[0]?.message).toContain(c);
  });

  it('accepts the bounding box edges and zero counts', () => {
    const edge = { ...GOOD_ROWS['wifi-hotspots'], latitude: -20.06, longitude: -43.85 };
    expect(validateRows(DATASETS['wifi-hotspots'], [edge]).ok).toBe(true);
    const zero = { ...GOOD_ROWS['wifi-reach'], unique_users: 0, sessions: 0 };
    expect(validateRows(DATASETS['wifi-reach'], [zero]).ok).toBe(true);
  });

  it('reports a missing column as required and an unknown one by name', () => {
    const { name_en: _drop, ...missing } = GOOD_ROWS.services;
    const result = validateRows(DATASETS.services, [{ ...missing, nome: 'x', __proto__x: 1 }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.column, e.message.split(' (')[0]])).toEqual([
      ['name_en', 'is required'],
      ['nome', 'is not a column of services'],
      ['__proto__x', 'is not a column of services'],
    ]);
  });

  it('rejects a __proto__ key parsed from JSON', () => {
    const row = JSON.parse(
      '{"month":"2024-03","service_id":"s","channel":"web","completed":1,"__proto__":{"x":1}}',
    );
    const result = validateRows(DATASETS.transactions, [row]);
    expect(!result.ok && result.errors[0]?.column).toBe('__proto__');
  });
});

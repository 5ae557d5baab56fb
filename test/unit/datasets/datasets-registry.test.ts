import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  countColumn,
  DUCKDB_TYPES,
  monthColumn,
} from '../../../functions/datasets/column-types.js';
import { defineDataset } from '../../../functions/datasets/dataset-definition.js';
import {
  DATASET_NAMES,
  DATASETS,
  datasetByView,
  getDataset,
  isDatasetName,
} from '../../../functions/datasets/datasets.js';
import { parseCsv } from '../../../functions/datasets/parse-csv.js';
import { validateRows } from '../../../functions/datasets/validate-rows.js';
import { ProblemError } from '../../../functions/shared/problem.js';

const EXPECTED_HEADERS: Record<string, string> = {
  services: 'service_id,name_pt,name_en,category,digital_level',
  'wifi-hotspots': 'hotspot_id,region,vulnerable_area,latitude,longitude,active_since',
  telecentros: 'telecentro_id,name,region,host_type,opened_on',
  transactions: 'month,service_id,channel,completed',
  'wifi-reach': 'month,region,unique_users,sessions',
  'device-donations': 'month,region,device_type,programme,quantity',
  'course-certifications':
    'month,course_id,course_name,track,audience,gender,age_band,region,certified',
};

describe('dataset registry', () => {
  it('holds the seven datasets of issue #4 with their header contracts', () => {
    expect(DATASET_NAMES).toEqual(Object.keys(EXPECTED_HEADERS));
    for (const name of DATASET_NAMES) {
      expect(DATASETS[name].columns.join(','), name).toBe(EXPECTED_HEADERS[name]);
      expect(DATASETS[name].name).toBe(name);
    }
  });

  it('names DuckDB views with underscores and finds a dataset by its view', () => {
    expect(DATASETS['wifi-hotspots'].view).toBe('wifi_hotspots');
    expect(DATASETS['course-certifications'].view).toBe('course_certifications');
    expect(DATASETS.services.view).toBe('services');
    expect(datasetByView('device_donations')?.name).toBe('device-donations');
    expect(datasetByView('device-donations')).toBeUndefined();
  });

  it('declares kinds and replacement keys', () => {
    const keys = Object.fromEntries(
      DATASET_NAMES.map((n) => [n, `${DATASETS[n].kind}:${DATASETS[n].replacementKey.join('+')}`]),
    );
    expect(keys).toEqual({
      services: 'snapshot:',
      'wifi-hotspots': 'snapshot:',
      telecentros: 'snapshot:',
      transactions: 'periodic:month+service_id',
      'wifi-reach': 'periodic:month',
      'device-donations': 'periodic:month+programme',
      'course-certifications': 'periodic:month+course_id',
    });
  });

  it('gives every column a kind, and month columns the month kind', () => {
    for (const name of DATASET_NAMES) {
      const d = DATASETS[name];
      for (const c of d.columns) expect(d.columnKinds[c as never], `${name}.${c}`).toBeTruthy();
      if (d.kind === 'periodic') expect(d.columnKinds['month' as never]).toBe('month');
    }
    expect(DATASETS['wifi-hotspots'].columnKinds).toMatchObject({
      vulnerable_area: 'boolean',
      latitude: 'decimal',
      active_since: 'date',
    });
    const h = DATASETS['wifi-hotspots'];
    expect(h.columns.map((c) => DUCKDB_TYPES[h.columnKinds[c]])).toEqual([
      'VARCHAR',
      'VARCHAR',
      'BOOLEAN',
      'DOUBLE',
      'DOUBLE',
      'DATE',
    ]);
  });

  it('answers an unknown dataset with a 404 problem listing the known ones', () => {
    expect(isDatasetName('wifi-reach')).toBe(true);
    expect(isDatasetName('wifi_reach')).toBe(false);
    expect(isDatasetName('__proto__')).toBe(false);
    expect(getDataset('transactions')).toBe(DATASETS.transactions);
    try {
      getDataset('hotspots');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      expect((e as ProblemError).status).toBe(404);
      expect((e as ProblemError).message).toContain('wifi-hotspots');
    }
  });

  it('rejects inconsistent definitions', () => {
    const rowSchema = z.strictObject({ month: monthColumn(), n: countColumn('n') });
    const base = { name: 'x', title: { 'pt-BR': 'x', en: 'x' }, description: 'x', rowSchema };
    expect(() =>
      defineDataset({ ...base, kind: 'periodic', replacementKey: ['n'], grain: ['month'] }),
    ).toThrow(/starts with month/);
    expect(() =>
      defineDataset({ ...base, kind: 'snapshot', replacementKey: ['month'], grain: ['month'] }),
    ).toThrow(/replaced whole/);
    expect(() =>
      defineDataset({ ...base, kind: 'snapshot', replacementKey: [], grain: ['nope' as 'n'] }),
    ).toThrow(/not a column/);
    const bare = z.strictObject({ month: z.string() });
    expect(() =>
      defineDataset({
        ...base,
        rowSchema: bare,
        kind: 'snapshot',
        replacementKey: [],
        grain: ['month'],
      }),
    ).toThrow(/column-types helper/);
  });

  it('emits a JSON Schema for each row (the OpenAPI entry)', () => {
    const schema = z.toJSONSchema(DATASETS['wifi-hotspots'].rowSchema) as {
      properties: Record<string, { type?: string; minimum?: number }>;
      additionalProperties: boolean;
      required: string[];
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(DATASETS['wifi-hotspots'].columns);
    expect(schema.properties.vulnerable_area?.type).toBe('boolean');
    expect(schema.properties.latitude?.minimum).toBe(-20.06);
  });

  it('documents every dataset, header and column in docs/datasets.md', () => {
    const doc = readFileSync(new URL('../../../docs/datasets.md', import.meta.url), 'utf8');
    for (const name of DATASET_NAMES) {
      expect(doc, name).toContain(`## \`${name}\``);
      expect(doc, name).toContain(EXPECTED_HEADERS[name]);
      for (const c of DATASETS[name].columns) expect(doc, `${name}.${c}`).toContain(`\`${c}\``);
    }
  });

  it('gives each dataset an example CSV that passes its contract', () => {
    const doc = readFileSync(new URL('../../../docs/datasets.md', import.meta.url), 'utf8');
    for (const name of DATASET_NAMES) {
      const section = doc.split(`## \`${name}\``)[1]?.split('\n## ')[0] ?? '';
      const example = /```csv\n([\s\S]*?)```/.exec(section)?.[1];
      expect(example, name).toBeDefined();
      const result = validateRows(DATASETS[name], parseCsv(DATASETS[name], example ?? ''));
      expect(result.ok ? result.rows.length : result.errors, name).toBeGreaterThan(1);
    }
  });
});

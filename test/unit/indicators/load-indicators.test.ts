import { createHash } from 'node:crypto';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DefinitionError } from '../../../functions/indicators/definition-error.js';
import { loadIndicators } from '../../../functions/indicators/load-indicators.js';

const bi = (text: string) => ({ 'pt-BR': `${text} (pt)`, en: text });

/** A valid indicator's metadata, as written to `<id>.yaml`. */
function metadata(id: string): Record<string, unknown> {
  return {
    id,
    theme: 'wifi',
    keywords: ['wifi'],
    title: bi('Title'),
    description: bi('Description'),
    methodology: bi('Methodology'),
    unit: 'count',
    measures: [
      { name: 'value', label: bi('People'), unit: 'count' },
      { name: 'sessions', label: bi('Sessions'), unit: 'count' },
    ],
    dimensions: ['region'],
    breakdowns: [[], ['region']],
    min_cell: 10,
    n: { counts: 'people', label: bi('People') },
    sources: ['wifi-reach'],
    frequency: 'monthly',
    headline: { breakdown: [], measure: 'value', trend: 'previous_period' },
    chart: 'line',
    tests: [{ test: 'range', column: 'value', min: 0 }, { test: 'unique_grain' }],
  };
}

const REGISTRY = {
  special_values: { _T: bi('Total'), _U: bi('Unknown') },
  dimensions: {
    region: { label: bi('Region'), values: { leste: bi('Leste'), norte: bi('Norte') } },
    service_id: {
      label: bi('Service'),
      dynamic: {
        dataset: 'services',
        value_column: 'service_id',
        label_columns: { 'pt-BR': 'name_pt', en: 'name_en' },
      },
    },
  },
};

const SQL =
  "SELECT month AS period, COALESCE(region, '_T') AS region, 1 AS value, 1 AS n, 1 AS sessions FROM wifi_reach\n";

let dir: string;

async function write(name: string, content: unknown): Promise<void> {
  await writeFile(join(dir, name), typeof content === 'string' ? content : stringify(content));
}

async function problemsOf(floor = 10): Promise<string[]> {
  try {
    await loadIndicators(dir, { minCellFloor: floor });
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError);
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the load to fail');
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirante-queries-'));
  await write('dimensions.yaml', REGISTRY);
  await write('wifi-reach.yaml', metadata('wifi-reach'));
  await write('wifi-reach.sql', SQL);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadIndicators', () => {
  it('loads each yaml + sql pair with the SHA-256 of the SQL bytes, sorted by id, ignoring other files', async () => {
    await write('a-first.yaml', { ...metadata('a-first'), sources: ['feedback'] });
    await write('a-first.sql', SQL.replace('wifi_reach', 'feedback'));
    await write('README.md', '# notes');
    const definitions = await loadIndicators(dir, { minCellFloor: 10 });
    expect(definitions.map((d) => d.metadata.id)).toEqual(['a-first', 'wifi-reach']);
    const reach = definitions[1]!;
    expect(reach.sql).toBe(SQL);
    expect(reach.sqlSha256).toBe(
      createHash('sha256').update(Buffer.from(SQL, 'utf8')).digest('hex'),
    );
    expect(reach.sqlSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(reach.file).toBe(join(dir, 'wifi-reach.yaml'));
    expect(reach.metadata.headline).toEqual({
      breakdown: [],
      measure: 'value',
      trend: 'previous_period',
    });
  });

  it('names the file and the field of a breakdown dimension that is not declared', async () => {
    await write('wifi-reach.yaml', { ...metadata('wifi-reach'), breakdowns: [[], ['regoin']] });
    expect(await problemsOf()).toEqual([
      `${join(dir, 'wifi-reach.yaml')}: breakdowns[1][0]: "regoin" is not a declared dimension`,
      `${join(dir, 'wifi-reach.yaml')}: dimensions[0]: "region" is in no breakdown`,
    ]);
  });

  it('rejects an id that is not the file name', async () => {
    await write('wifi-reach.yaml', { ...metadata('wifi-rech') });
    expect(await problemsOf()).toEqual([
      `${join(dir, 'wifi-reach.yaml')}: id: "wifi-rech" does not match the file name (expected "wifi-reach")`,
    ]);
  });

  it('rejects metadata without its SQL file, and SQL without its metadata', async () => {
    await unlink(join(dir, 'wifi-reach.sql'));
    await write('orphan.sql', SQL);
    const problems = await problemsOf();
    expect(problems).toContain(
      `${join(dir, 'orphan.sql')}: has no metadata file beside it (expected ${join(dir, 'orphan.yaml')})`,
    );
    expect(problems).toContain(
      `${join(dir, 'wifi-reach.yaml')}: has no SQL file beside it (expected ${join(dir, 'wifi-reach.sql')})`,
    );
  });

  it('rejects an empty SQL file and a .yml file', async () => {
    await write('wifi-reach.sql', '  \n');
    await write('other.yml', metadata('other'));
    const problems = await problemsOf();
    expect(problems).toContain(`${join(dir, 'wifi-reach.sql')}: is empty`);
    expect(problems).toContain(`${join(dir, 'other.yml')}: use the .yaml extension`);
  });

  it('enforces the min_cell floor it is given; 0 only when n counts things', async () => {
    await write('wifi-reach.yaml', { ...metadata('wifi-reach'), min_cell: 5 });
    expect(await problemsOf(10)).toEqual([
      `${join(dir, 'wifi-reach.yaml')}: min_cell: 5 is below the floor 10 (only an indicator whose n counts things, n.counts: things, may declare 0)`,
    ]);
    await expect(loadIndicators(dir, { minCellFloor: 5 })).resolves.toHaveLength(1);

    await write('wifi-reach.yaml', { ...metadata('wifi-reach'), min_cell: 0 });
    expect(await problemsOf(10)).toHaveLength(1);
    const { n: _n, ...withoutN } = metadata('wifi-reach');
    await write('wifi-reach.yaml', { ...withoutN, min_cell: 0 });
    expect((await problemsOf(10))[0]).toContain('min_cell: 0 is below the floor 10');

    await write('wifi-reach.yaml', {
      ...metadata('wifi-reach'),
      min_cell: 0,
      n: { counts: 'things', label: bi('Hotspots') },
    });
    await expect(loadIndicators(dir, { minCellFloor: 10 })).resolves.toHaveLength(1);
  });

  it('checks the headline against the declared breakdowns and measures', async () => {
    await write('wifi-reach.yaml', {
      ...metadata('wifi-reach'),
      headline: { breakdown: ['channel'], measure: 'share' },
    });
    expect(await problemsOf()).toEqual([
      `${join(dir, 'wifi-reach.yaml')}: headline.breakdown: [channel] is not one of the declared breakdowns`,
      `${join(dir, 'wifi-reach.yaml')}: headline.measure: "share" is not a declared measure`,
    ]);
  });

  it('accepts a headline breakdown in another order and the measure n', async () => {
    await write('wifi-reach.yaml', {
      ...metadata('wifi-reach'),
      dimensions: ['region', 'service_id'],
      breakdowns: [['region', 'service_id'], []],
      headline: { breakdown: ['service_id', 'region'], measure: 'n' },
    });
    await expect(loadIndicators(dir, { minCellFloor: 10 })).resolves.toHaveLength(1);
  });

  it('checks that declared tests name result columns and sane ranges', async () => {
    await write('wifi-reach.yaml', {
      ...metadata('wifi-reach'),
      tests: [
        { test: 'not_null', column: 'vlaue' },
        { test: 'range', column: 'sessions', min: 5, max: 1 },
        { test: 'range', column: 'n' },
        { test: 'not_null', column: 'status' },
      ],
    });
    const file = join(dir, 'wifi-reach.yaml');
    expect(await problemsOf()).toEqual([
      `${file}: tests[0].column: "vlaue" is not a column of the result rows`,
      `${file}: tests[1]: min 5 is greater than max 1`,
      `${file}: tests[2]: a range test needs min or max`,
      `${file}: tests[3].column: "status" is not a column of the result rows`,
    ]);
  });

  it('checks dimensions against the registry, measures and sources', async () => {
    await write('wifi-reach.yaml', {
      ...metadata('wifi-reach'),
      dimensions: ['region', 'bairro', 'region'],
      breakdowns: [[], ['region', 'bairro']],
      measures: [
        { name: 'value', label: bi('Share'), unit: 'percent' },
        { name: 'n', label: bi('N'), unit: 'count' },
        { name: 'region', label: bi('R'), unit: 'count' },
      ],
      sources: ['wifi-reach', 'wifi-hotspot'],
    });
    const file = join(dir, 'wifi-reach.yaml');
    expect(await problemsOf()).toEqual([
      `${file}: dimensions[1]: "bairro" is not in the dimension registry (dimensions.yaml)`,
      `${file}: dimensions[2]: "region" is declared twice`,
      `${file}: measures[0].unit: the value measure's unit "percent" differs from unit "count"`,
      `${file}: measures[1].name: "n" is a reserved column name`,
      `${file}: measures[2].name: "region" is also a dimension`,
      `${file}: sources[1]: "wifi-hotspot" is not a known dataset`,
    ]);
  });

  it('reports schema errors with their field paths, unknown fields included', async () => {
    const bad = {
      ...metadata('wifi-reach'),
      unit: 'percentage',
      colour: 'blue',
      title: { en: 'Only English' },
    };
    await write('wifi-reach.yaml', bad);
    const file = join(dir, 'wifi-reach.yaml');
    const problems = await problemsOf();
    expect(problems).toContain(`${file}: colour: is not a known field`);
    expect(problems.some((p) => p.startsWith(`${file}: title.pt-BR: `))).toBe(true);
    expect(problems.some((p) => p.startsWith(`${file}: unit: `))).toBe(true);
  });

  it('names a file that is not valid YAML', async () => {
    await write('wifi-reach.yaml', 'id: wifi-reach\n  title: [unclosed\n');
    const problems = await problemsOf();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(`^${join(dir, 'wifi-reach.yaml')}: is not valid YAML: `),
    );
  });

  it('reports the problems of every file at once', async () => {
    await write('wifi-reach.yaml', { ...metadata('wifi-reach'), min_cell: 3 });
    await write('other.yaml', { ...metadata('other'), chart: 'pie' });
    await write('other.sql', SQL);
    const problems = await problemsOf();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/other\.yaml: chart: /);
    expect(problems[1]).toMatch(/wifi-reach\.yaml: min_cell: 3 is below the floor 10/);
  });

  it('names the registry file and field when the registry is invalid', async () => {
    await write('dimensions.yaml', {
      ...REGISTRY,
      dimensions: { region: { label: bi('Region'), values: { Leste: bi('Leste') } } },
    });
    const problems = await problemsOf();
    expect(problems[0]).toMatch(
      new RegExp(`^${join(dir, 'dimensions.yaml')}: dimensions\\.region\\.values\\.Leste: `),
    );
  });
});

describe('the real queries folder', () => {
  it('holds the twelve indicators of the catalogue, all valid at the default floor', async () => {
    const definitions = await loadIndicators('queries', { minCellFloor: 10 });
    expect(definitions.map((d) => d.metadata.id)).toEqual([
      'completion-rate',
      'devices-donated',
      'digital-services-share',
      'digital-skills-certified',
      'digital-take-up',
      'feedback-volume',
      'telecentros',
      'user-satisfaction',
      'wifi-hotspots',
      'wifi-reach',
      'wifi-vulnerable-share',
      'women-share-certified',
    ]);
    for (const { metadata } of definitions) {
      // min_cell 0 only for indicators counting things; every n is labelled.
      expect(metadata.n).toBeDefined();
      expect(
        metadata.min_cell === 10 || (metadata.min_cell === 0 && metadata.n?.counts === 'things'),
      ).toBe(true);
      expect(metadata.tests.some((t) => t.test === 'unique_grain')).toBe(true);
    }
  });
});

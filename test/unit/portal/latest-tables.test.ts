import { beforeAll, describe, expect, it } from 'vitest';
import type { DimensionRegistry } from '../../../functions/indicators/dimension-registry.js';
import { dimensionLabels } from '../../../functions/portal/dimension-labels.js';
import { latestTables } from '../../../functions/portal/latest-tables.js';
import { NO_FILTERS } from '../../../functions/portal/row-filters.js';
import { row, testIndicator } from './chart-builders.js';
import { loadFixtureCatalogue } from './portal-fixtures.js';

let registry: DimensionRegistry;
beforeAll(async () => {
  ({ registry } = await loadFixtureCatalogue());
});

describe('latestTables', () => {
  const indicator = testIndicator();
  const data = [
    row('2025-03', 0.9, { region: 'leste' }),
    row('2025-04', 0.5, { region: 'leste' }),
    row('2025-04', null, { region: 'norte' }),
    row('2025-04', 0.8, { region: 'oeste' }),
    row('2025-04', 0.6, { region: 'barreiro' }),
    row('2025-05', 0.7, { region: 'leste' }, 'p'),
    row('2025-04', 0.3, { channel: 'web' }),
    row('2025-04', 0.4, { channel: 'app' }),
    row('2025-04', 0.7),
  ];

  it('gives each breakdown but the total its latest complete period, largest first, gaps last', () => {
    const labels = dimensionLabels(registry, 'pt-BR');
    const tables = latestTables({ indicator, data }, NO_FILTERS, labels);
    expect(tables.map((t) => t.dimensions)).toEqual([['region'], ['channel']]);
    const [regions, channels] = tables;
    expect(regions?.period).toBe('2025-04');
    expect(regions?.rows.map((r) => [r.labels[0], r.value])).toEqual([
      ['Oeste', 0.8],
      ['Barreiro', 0.6],
      ['Leste', 0.5],
      ['Norte', null],
    ]);
    expect(regions?.rows.at(-1)?.n).toBeNull();
    expect(channels?.rows.map((r) => r.labels[0])).toEqual(['Aplicativo', 'Portal web']);
  });

  it('caps the rows and counts the ones left for the CSV', () => {
    const labels = dimensionLabels(registry, 'en');
    const [regions] = latestTables({ indicator, data }, NO_FILTERS, labels, { maxRows: 2 });
    expect(regions?.rows.map((r) => r.labels[0])).toEqual(['Oeste', 'Barreiro']);
    expect(regions?.omitted).toBe(2);
  });

  it('keeps only the breakdowns that can honour a filter', () => {
    const labels = dimensionLabels(registry, 'pt-BR');
    expect(
      latestTables({ indicator, data }, { dimensions: { region: ['leste'] } }, labels),
    ).toEqual([]);
    const two = latestTables(
      { indicator, data },
      { dimensions: { region: ['leste', 'oeste'] } },
      labels,
    );
    expect(two).toHaveLength(1);
    expect(two[0]?.rows.map((r) => r.labels[0])).toEqual(['Oeste', 'Leste']);
  });

  it('shows two-dimension breakdowns with both labels and leaves out a filtered single value', () => {
    const devices = testIndicator({
      dimensions: ['device_type', 'region'],
      breakdowns: [['device_type', 'region'], ['device_type'], ['region'], []],
      unit: 'count',
    });
    const dims = ['device_type', 'region'];
    const rows = [
      row('2025-04', 12, { device_type: 'tablet', region: 'leste' }, '', dims),
      row('2025-04', 40, { device_type: 'notebook', region: 'leste' }, '', dims),
      row('2025-04', 15, { device_type: 'tablet', region: 'oeste' }, '', dims),
      row('2025-04', 52, { region: 'leste' }, '', dims),
    ];
    const labels = dimensionLabels(registry, 'pt-BR');
    const all = latestTables({ indicator: devices, data: rows }, NO_FILTERS, labels);
    expect(all[0]?.dimensions).toEqual(['device_type', 'region']);
    expect(all[0]?.rows[0]?.labels).toEqual(['Notebook', 'Leste']);
    const leste = latestTables(
      { indicator: devices, data: rows },
      { dimensions: { region: ['leste'] } },
      labels,
    );
    expect(leste.map((t) => t.dimensions)).toEqual([['device_type']]);
    expect(leste[0]?.rows.map((r) => [r.labels[0], r.value])).toEqual([
      ['Notebook', 40],
      ['Tablet', 12],
    ]);
  });
});

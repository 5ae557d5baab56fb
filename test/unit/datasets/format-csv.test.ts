import { describe, expect, it } from 'vitest';
import { DATASET_NAMES, DATASETS } from '../../../functions/datasets/datasets.js';
import { formatCsv } from '../../../functions/datasets/format-csv.js';
import { parseCsv } from '../../../functions/datasets/parse-csv.js';
import { validateRows } from '../../../functions/datasets/validate-rows.js';
import { generateCity } from '../../../functions/seed/generate-city.js';

const city = generateCity({ today: new Date('2025-06-15T15:00:00Z') });

describe('formatCsv', () => {
  it.each(DATASET_NAMES)('round-trips the demo city’s %s through CSV (both delimiters)', (name) => {
    const rows = city.datasets[name].slice(0, 2000);
    for (const delimiter of [',', ';'] as const) {
      const csv = formatCsv(DATASETS[name], rows, delimiter);
      expect(csv.split('\n')[0]).toBe(DATASETS[name].columns.join(delimiter));
      const parsed = parseCsv(DATASETS[name], csv);
      expect(parsed.delimiter).toBe(delimiter);
      expect(validateRows(DATASETS[name], parsed)).toEqual({ ok: true, rows });
    }
  });

  it('quotes values holding delimiters, quotes and line breaks', () => {
    const row = {
      service_id: 's1',
      name_pt: 'Vírgula, "aspas"; e ponto',
      name_en: 'x',
      category: 'saude' as const,
      digital_level: 'full' as const,
    };
    const csv = formatCsv(DATASETS.services, [row], ';');
    expect(csv).toContain('"Vírgula, ""aspas""; e ponto"');
    expect(validateRows(DATASETS.services, parseCsv(DATASETS.services, csv))).toEqual({
      ok: true,
      rows: [row],
    });
  });
});

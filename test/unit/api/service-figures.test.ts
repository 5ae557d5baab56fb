import { describe, expect, it } from 'vitest';
import { publicLinks } from '../../../functions/api/public-links.js';
import {
  cachedServiceDirectory,
  catalogueFingerprint,
  type ServiceRecord,
} from '../../../functions/api/service-directory.js';
import {
  serviceHistory,
  serviceSeries,
  serviceSummaries,
} from '../../../functions/api/service-figures.js';
import type { IndicatorDocument } from '../../../functions/publish/indicator-document.js';
import type { IndicatorRow } from '../../../functions/publish/indicator-row.js';

const row = (
  period: string,
  service_id: string,
  channel: string,
  status: IndicatorRow['status'],
  value: number | null,
): IndicatorRow => ({
  period,
  service_id,
  channel,
  value,
  n: value === null ? null : 12,
  status,
  share_4_5: value === null ? null : 50,
});
const satisfaction = {
  indicator: { id: 'user-satisfaction', dimensions: ['service_id', 'channel'] },
  receipt: { version: 'v' },
  data: [
    row('2025-01', 'a', '_T', '', 0.5),
    row('2025-01', '_T', 'web', '', 0.7),
    row('2025-02', 'a', '_T', '', 0.6),
    row('2025-02', 'b', '_T', 'C', null),
    row('2025-02', '_U', '_T', '', 0.1),
    row('2025-03', 'a', '_T', 'C', null),
    row('2025-03', '_T', '_T', 'p', 0.9),
  ],
} as unknown as IndicatorDocument;

describe('service figures', () => {
  it('shows the latest month no row marks provisional, even when its service rows are suppressed', () => {
    const series = serviceSeries(satisfaction);
    expect(series.referencePeriod).toBe('2025-02');
    expect([...series.byService.keys()]).toEqual(['a', 'b']);
    expect(serviceSeries(satisfaction)).toBe(series);
  });

  it('summarises services from the catalogue and the rows, suppressed where the rows are', () => {
    const [a, b, c] = serviceSummaries({
      satisfaction,
      completion: undefined,
      services: [
        {
          service_id: 'c',
          name_pt: 'Cê',
          name_en: 'See',
          category: 'saude',
          digital_level: 'full',
        },
      ],
      registry: {
        special_values: { _T: { 'pt-BR': 'Total', en: 'Total' }, _U: { 'pt-BR': '?', en: '?' } },
        dimensions: {},
      },
      language: 'en',
      links: publicLinks('https://x'),
    });
    expect(a?.satisfaction).toEqual({
      period: '2025-02',
      value: 0.6,
      n: 12,
      status: '',
      suppressed: false,
      share45: 50,
    });
    expect(b?.satisfaction).toEqual({
      period: '2025-02',
      value: null,
      n: null,
      status: 'C',
      suppressed: true,
      share45: null,
    });
    expect(c).toMatchObject({
      id: 'c',
      name: 'See',
      categoryLabel: 'saude',
      satisfaction: null,
      completion: null,
    });
  });

  it('gives a service history in period order', () => {
    const history = serviceHistory('a', {
      satisfaction,
      completion: undefined,
      services: [],
      registry: {
        special_values: { _T: { 'pt-BR': 'Total', en: 'Total' }, _U: { 'pt-BR': '?', en: '?' } },
        dimensions: {},
      },
      language: 'pt-BR',
      links: publicLinks('https://x'),
    });
    expect(history.map((h) => [h.period, h.satisfaction?.value ?? null, h.completion])).toEqual([
      ['2025-01', 0.5, null],
      ['2025-02', 0.6, null],
      ['2025-03', null, null],
    ]);
  });
});

describe('service directory', () => {
  const records: ServiceRecord[] = [
    { service_id: 'a', name_pt: 'A', name_en: 'A', category: 'saude', digital_level: 'full' },
  ];

  it('reads at most once per TTL and keeps serving the last catalogue when a read fails', async () => {
    let now = 0;
    let calls = 0;
    let fail = false;
    const directory = cachedServiceDirectory(
      async () => {
        calls++;
        if (fail) throw new Error('S3 down');
        return records;
      },
      1000,
      () => now,
    );
    expect(await directory()).toBe(records);
    expect(await directory()).toBe(records);
    expect(calls).toBe(1);
    now = 1000;
    fail = true;
    expect(await directory()).toBe(records);
    expect(calls).toBe(2);
  });

  it('fingerprints catalogues by content', () => {
    expect(catalogueFingerprint(records)).toBe(catalogueFingerprint([...records]));
    expect(catalogueFingerprint(records)).not.toBe(catalogueFingerprint([]));
  });
});

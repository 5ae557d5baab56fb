import type { FixtureValue } from './fixture-db.js';

/**
 * The Wi-Fi hotspots snapshot shared by the wifi-hotspots and wifi-vulnerable-share fixture tests
 * (snapshot month 2024-03, so the series runs 2022-04…2024-03):
 * h1 leste, vulnerable, active since 2020 (every month); h2 leste, not vulnerable, active from
 * 2024-02-29 (Feb and Mar 2024); h3 norte, vulnerable, from 2024-03-01 (Mar 2024); h4 norte, flag
 * unknown, no date (from the snapshot month: Mar 2024); h5 no region, active only from 2024-04
 * (after the snapshot: never).
 */
export const HOTSPOTS: Record<string, FixtureValue>[] = [
  {
    hotspot_id: 'h1',
    region: 'leste',
    vulnerable_area: true,
    latitude: -19.9,
    longitude: -43.9,
    active_since: '2020-01-10',
    as_of: '2024-03',
  },
  {
    hotspot_id: 'h2',
    region: 'leste',
    vulnerable_area: false,
    latitude: -19.9,
    longitude: -43.9,
    active_since: '2024-02-29',
    as_of: '2024-03',
  },
  {
    hotspot_id: 'h3',
    region: 'norte',
    vulnerable_area: true,
    latitude: -19.8,
    longitude: -43.9,
    active_since: '2024-03-01',
    as_of: '2024-03',
  },
  {
    hotspot_id: 'h4',
    region: 'norte',
    vulnerable_area: null,
    latitude: -19.8,
    longitude: -43.9,
    active_since: null,
    as_of: '2024-03',
  },
  {
    hotspot_id: 'h5',
    region: null,
    vulnerable_area: true,
    latitude: -19.8,
    longitude: -43.9,
    active_since: '2024-04-05',
    as_of: '2024-03',
  },
];

/** The 24 months 2022-04…2024-03. */
export const WINDOW = Array.from({ length: 24 }, (_, i) => {
  const index = 2022 * 12 + 3 + i;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
});

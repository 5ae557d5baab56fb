/**
 * The datasets an indicator may read (the lake's data contract, hyphenated as over HTTP and in
 * the lake; their DuckDB views use underscores: `wifi-hotspots` → `wifi_hotspots`).
 */
export const SOURCE_DATASETS = [
  'feedback',
  'services',
  'wifi-hotspots',
  'telecentros',
  'transactions',
  'wifi-reach',
  'device-donations',
  'course-certifications',
] as const;

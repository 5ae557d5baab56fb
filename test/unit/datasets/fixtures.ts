import type { DatasetName } from '../../../functions/datasets/datasets.js';

/** One valid row of each dataset, as JSON would carry it. */
export const GOOD_ROWS: Record<DatasetName, Record<string, unknown>> = {
  services: {
    service_id: 'svc-0001',
    name_pt: 'Emissão de IPTU 2ª via',
    name_en: 'Property tax (IPTU) bill copy',
    category: 'tributos',
    digital_level: 'full',
  },
  'wifi-hotspots': {
    hotspot_id: 'wifi-0001',
    region: 'barreiro',
    vulnerable_area: true,
    latitude: -19.9767,
    longitude: -44.0206,
    active_since: '2021-03-15',
  },
  telecentros: {
    telecentro_id: 'tc-001',
    name: 'Telecentro CRAS Lindéia',
    region: 'barreiro',
    host_type: 'social_assistance',
    opened_on: '2012-08-01',
  },
  transactions: { month: '2024-03', service_id: 'svc-0001', channel: 'web', completed: 1520 },
  'wifi-reach': { month: '2024-03', region: 'norte', unique_users: 31000, sessions: 180000 },
  'device-donations': {
    month: '2024-03',
    region: 'venda-nova',
    device_type: 'notebook',
    programme: 'Recondiciona BH',
    quantity: 12,
  },
  'course-certifications': {
    month: '2024-03',
    course_id: 'programando-sonhos',
    course_name: 'Programando Sonhos',
    track: 'programming',
    audience: 'women',
    gender: 'female',
    age_band: '18-29',
    region: 'leste',
    certified: 14,
  },
};

/** The CSV text of rows for a header (comma-separated, values as given). */
export function csvOf(header: readonly string[], rows: readonly (readonly string[])[], eol = '\n') {
  return [header.join(','), ...rows.map((r) => r.join(','))].join(eol) + eol;
}

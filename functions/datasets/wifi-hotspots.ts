import { z } from 'zod';
import {
  booleanColumn,
  dateColumn,
  idColumn,
  latitudeColumn,
  longitudeColumn,
  regionColumn,
} from './column-types.js';
import { defineDataset } from './dataset-definition.js';

/** One row of `wifi-hotspots`: a public Wi-Fi hotspot. */
export const wifiHotspotRowSchema = z.strictObject({
  hotspot_id: idColumn('Stable identifier of the hotspot'),
  region: regionColumn(),
  vulnerable_area: booleanColumn(
    'Whether the hotspot lies in an area of economic vulnerability and high risk of digital exclusion',
  ),
  latitude: latitudeColumn(),
  longitude: longitudeColumn(),
  active_since: dateColumn('Date the hotspot went live, YYYY-MM-DD'),
});

/** A row of the hotspot register. */
export type WifiHotspotRow = z.infer<typeof wifiHotspotRowSchema>;

/** `wifi-hotspots`: the register of public Wi-Fi hotspots (snapshot). */
export const wifiHotspotsDataset = defineDataset({
  name: 'wifi-hotspots',
  kind: 'snapshot',
  title: { 'pt-BR': 'Pontos de Wi-Fi público', en: 'Public Wi-Fi hotspots' },
  description:
    'Every public Wi-Fi hotspot with its regional, whether it serves a vulnerable area, its location and since when it is active.',
  rowSchema: wifiHotspotRowSchema,
  replacementKey: [],
  grain: ['hotspot_id'],
});

import { z } from 'zod';
import { countColumn, monthColumn, regionColumn } from './column-types.js';
import { defineDataset } from './dataset-definition.js';

/** One row of `wifi-reach`: people reached by the public Wi-Fi in a regional in a month. */
export const wifiReachRowSchema = z
  .strictObject({
    month: monthColumn(),
    region: regionColumn(),
    unique_users: countColumn('Distinct people (devices) that connected in the month'),
    sessions: countColumn('Connection sessions in the month (at least unique_users)'),
  })
  .refine((row) => row.sessions >= row.unique_users, {
    path: ['sessions'],
    error: 'must be at least unique_users (every user has at least one session)',
  });

/** A row of the Wi-Fi reach dataset. */
export type WifiReachRow = z.infer<typeof wifiReachRowSchema>;

/**
 * `wifi-reach` (periodic). The figures come from the network's controller as one report for
 * the whole city, so a batch replaces whole months.
 */
export const wifiReachDataset = defineDataset({
  name: 'wifi-reach',
  kind: 'periodic',
  title: { 'pt-BR': 'Alcance do Wi-Fi público', en: 'Public Wi-Fi reach' },
  description: 'Unique users and sessions of the public Wi-Fi per month and regional.',
  rowSchema: wifiReachRowSchema,
  replacementKey: ['month'],
  grain: ['month', 'region'],
});

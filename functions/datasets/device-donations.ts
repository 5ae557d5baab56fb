import { z } from 'zod';
import { countColumn, enumColumn, monthColumn, regionColumn, textColumn } from './column-types.js';
import { defineDataset } from './dataset-definition.js';

/** Kinds of donated device. */
export const DEVICE_TYPES = ['computer', 'notebook', 'tablet'] as const;

/** One row of `device-donations`: devices handed over in a month. */
export const deviceDonationRowSchema = z.strictObject({
  month: monthColumn(),
  region: regionColumn(),
  device_type: enumColumn(DEVICE_TYPES, 'Kind of device'),
  programme: textColumn('Donation programme that handed the devices over', 100),
  quantity: countColumn('Devices handed over to households in the month'),
});

/** A row of the device donations dataset. */
export type DeviceDonationRow = z.infer<typeof deviceDonationRowSchema>;

/**
 * `device-donations` (periodic). Each donation programme reports its own figures, so a batch
 * replaces the rows of the (month, programme) pairs it contains.
 */
export const deviceDonationsDataset = defineDataset({
  name: 'device-donations',
  kind: 'periodic',
  title: { 'pt-BR': 'Doação de equipamentos', en: 'Device donations' },
  description:
    'Computers, notebooks and tablets donated to households per month, regional and programme.',
  rowSchema: deviceDonationRowSchema,
  replacementKey: ['month', 'programme'],
  grain: ['month', 'region', 'device_type', 'programme'],
});

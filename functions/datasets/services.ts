import { z } from 'zod';
import { enumColumn, idColumn, SERVICE_CATEGORIES, textColumn } from './column-types.js';
import { defineDataset } from './dataset-definition.js';

/** How far a service can be completed online. */
export const DIGITAL_LEVELS = ['full', 'partial', 'none'] as const;

/** One row of `services`: an entry of the city's service catalogue. */
export const serviceRowSchema = z.strictObject({
  service_id: idColumn('Stable identifier of the service (the serviceId citizens rate)'),
  name_pt: textColumn('Name of the service in Portuguese'),
  name_en: textColumn('Name of the service in English'),
  category: enumColumn(SERVICE_CATEGORIES, 'Service category slug'),
  digital_level: enumColumn(
    DIGITAL_LEVELS,
    'full: can be completed entirely online; partial: some steps online; none: offline only',
  ),
});

/** A row of the service catalogue. */
export type ServiceRow = z.infer<typeof serviceRowSchema>;

/** `services`: the service catalogue (snapshot; a batch is the whole catalogue). */
export const servicesDataset = defineDataset({
  name: 'services',
  kind: 'snapshot',
  title: { 'pt-BR': 'Catálogo de serviços', en: 'Service catalogue' },
  description:
    "The city's public services with their category and how far each can be completed online.",
  rowSchema: serviceRowSchema,
  replacementKey: [],
  grain: ['service_id'],
});

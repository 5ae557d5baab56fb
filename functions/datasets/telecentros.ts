import { z } from 'zod';
import { dateColumn, enumColumn, idColumn, regionColumn, textColumn } from './column-types.js';
import { defineDataset } from './dataset-definition.js';

/** Who hosts a telecentro. */
export const HOST_TYPES = ['social_assistance', 'ngo', 'school', 'library', 'other'] as const;

/** One row of `telecentros`: a public internet space. */
export const telecentroRowSchema = z.strictObject({
  telecentro_id: idColumn('Stable identifier of the telecentro'),
  name: textColumn('Name of the telecentro'),
  region: regionColumn(),
  host_type: enumColumn(
    HOST_TYPES,
    'Host institution: social assistance office, NGO, school, library or other',
  ),
  opened_on: dateColumn('Date the telecentro opened, YYYY-MM-DD'),
});

/** A row of the telecentro register. */
export type TelecentroRow = z.infer<typeof telecentroRowSchema>;

/** `telecentros`: the register of public internet spaces (snapshot). */
export const telecentrosDataset = defineDataset({
  name: 'telecentros',
  kind: 'snapshot',
  title: { 'pt-BR': 'Telecentros', en: 'Telecentros (public internet spaces)' },
  description:
    'Public internet spaces in City Hall structures and partner institutions, with their host and opening date.',
  rowSchema: telecentroRowSchema,
  replacementKey: [],
  grain: ['telecentro_id'],
});

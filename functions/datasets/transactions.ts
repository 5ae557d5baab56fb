import { z } from 'zod';
import { CHANNELS, countColumn, enumColumn, idColumn, monthColumn } from './column-types.js';
import { defineDataset } from './dataset-definition.js';

/** One row of `transactions`: completed transactions of a service through a channel in a month. */
export const transactionRowSchema = z.strictObject({
  month: monthColumn(),
  service_id: idColumn('Service (service_id in the catalogue)'),
  channel: enumColumn(CHANNELS, 'Channel the transactions were completed through'),
  completed: countColumn('Transactions completed in the month through the channel'),
});

/** A row of the transactions dataset. */
export type TransactionRow = z.infer<typeof transactionRowSchema>;

/**
 * `transactions` (periodic). Each service manager reports their own service, so a batch
 * replaces the rows of the (month, service_id) pairs it contains. Every `service_id` must be in
 * the current service catalogue when the batch is submitted.
 */
export const transactionsDataset = defineDataset({
  name: 'transactions',
  kind: 'periodic',
  title: { 'pt-BR': 'Transações por canal', en: 'Transactions by channel' },
  description:
    'Completed transactions per service, month and channel; the basis of digital take-up.',
  rowSchema: transactionRowSchema,
  replacementKey: ['month', 'service_id'],
  grain: ['month', 'service_id', 'channel'],
  references: { service_id: 'services' },
});

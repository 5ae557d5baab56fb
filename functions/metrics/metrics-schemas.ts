import { z } from '@hono/zod-openapi';
import { DATASET_NAMES } from '../datasets/datasets.js';

/** A dataset name in a path (`wifi-hotspots`, …). */
export const datasetNameSchema = z.enum(DATASET_NAMES).openapi({
  description: 'Name of the programme dataset (see docs/datasets.md).',
  example: 'wifi-reach',
});

/** A batch id: 20 lower-case hex characters derived from the batch's content. */
export const batchIdSchema = z
  .string()
  .regex(/^[0-9a-f]{20}$/)
  .openapi({
    description: 'Batch id, derived from the content: the same rows always get the same id.',
    example: '3f9a0c55e2b14d7a9c10',
  });

/** The answer to a submitted batch. */
export const metricBatchAcceptedSchema = z
  .object({
    dataset: datasetNameSchema,
    batchId: batchIdSchema,
    rows: z.number().int().openapi({ description: 'Rows in the batch.', example: 9 }),
    outcome: z.enum(['created', 'unchanged', 'reactivated']).openapi({
      description:
        '`created` (201): a new batch. `unchanged` (200): the same content is already the batch in force for all its keys; nothing was written. `reactivated` (200): the same content had been replaced or retracted and is in force again.',
    }),
    replaced: z.array(batchIdSchema).openapi({
      description: 'Batches that were in force for some of these keys and no longer are.',
    }),
    activatedAt: z.iso.datetime().openapi({
      description: 'When the batch (last) became the one in force for its keys (UTC).',
    }),
  })
  .openapi('MetricBatchAccepted');

/** One batch in the listing. */
export const metricBatchSummarySchema = z
  .object({
    batchId: batchIdSchema,
    dataset: datasetNameSchema,
    state: z.enum(['current', 'replaced', 'retracted']).openapi({
      description:
        '`current`: in force for at least one of its keys; `replaced`: newer batches cover all its keys; `retracted`: withdrawn by staff (the next compute drops it).',
    }),
    rows: z.number().int(),
    sha256: z.string().openapi({ description: 'SHA-256 of the content as first submitted.' }),
    submitter: z.string().openapi({ description: 'Who submitted it (staff account, s3:…).' }),
    createdAt: z.iso.datetime(),
    activatedAt: z.iso.datetime(),
    retractedAt: z.iso.datetime().nullable(),
    replaced: z.array(batchIdSchema).openapi({
      description: 'Batches this one replaced when it was (last) activated.',
    }),
    keys: z.number().int().openapi({
      description: 'Distinct replacement-key values it covers (1 for a snapshot).',
    }),
    keysInForce: z
      .number()
      .int()
      .openapi({ description: 'Of those, how many it is in force for.' }),
    months: z.array(z.string()).openapi({
      description: 'Months it covers (periodic datasets; empty for snapshots).',
    }),
    rawKey: z.string().openapi({ description: 'Lake object holding its rows (NDJSON, gzip).' }),
  })
  .openapi('MetricBatch');

/** `GET /v1/metrics/{dataset}/batches`. */
export const metricBatchListSchema = z
  .object({
    data: z.array(metricBatchSummarySchema),
    meta: z.object({
      dataset: datasetNameSchema,
      kind: z.enum(['snapshot', 'periodic']),
      count: z.number().int(),
    }),
  })
  .openapi('MetricBatchList');

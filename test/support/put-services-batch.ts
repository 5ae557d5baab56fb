import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchRecordToItem } from '../../functions/datasets/metric-batch-record.js';
import type { ServiceRow } from '../../functions/datasets/services.js';
import type { AwsClients } from '../../functions/shared/aws-clients.js';
import { rawMetricBatchKey } from '../../functions/shared/lake-layout.js';

/** Where a services batch is written. */
export interface ServicesBatchTarget {
  readonly clients: Pick<AwsClients, 'doc' | 's3'>;
  readonly tableName: string;
  readonly lakeBucket: string;
}

/** A valid catalogue row for a service id (the rest of the columns are filler). */
export const serviceRow = (serviceId: string): ServiceRow => ({
  service_id: serviceId,
  name_pt: `Serviço ${serviceId}`,
  name_en: `Service ${serviceId}`,
  category: 'documentos',
  digital_level: 'full',
});

/**
 * Makes `serviceIds` the current service catalogue, the way an accepted `services` batch does
 * (the contract of functions/datasets/metric-batch-record.ts): the rows as gzip NDJSON at
 * `rawMetricBatchKey('services', id)` and a batch record activated now, so it is in force.
 * Returns the batch id (derived from the rows).
 */
export async function putServicesBatch(
  target: ServicesBatchTarget,
  serviceIds: readonly string[],
  now: Date = new Date(),
): Promise<string> {
  const rows = serviceIds.map(serviceRow);
  const ndjson = rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  const sha256 = createHash('sha256').update(`services\u0000${ndjson}`).digest('hex');
  const batchId = sha256.slice(0, 32);
  const rawKey = rawMetricBatchKey('services', batchId);
  await target.clients.s3.send(
    new PutObjectCommand({
      Bucket: target.lakeBucket,
      Key: rawKey,
      Body: gzipSync(Buffer.from(ndjson, 'utf8')),
      ContentType: 'application/x-ndjson',
    }),
  );
  await target.clients.doc.send(
    new PutCommand({
      TableName: target.tableName,
      Item: batchRecordToItem({
        dataset: 'services',
        batchId,
        rawKey,
        rows: rows.length,
        sha256,
        submitter: 'test',
        createdAt: now.toISOString(),
        activatedAt: now.toISOString(),
        replacementKeys: ['*'],
        replaced: [],
      }),
    }),
  );
  return batchId;
}

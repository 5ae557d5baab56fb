import type { ServiceRow } from '../../functions/datasets/services.js';
import { submitMetricBatch } from '../../functions/metrics/submit-metric-batch.js';
import type { AwsClients } from '../../functions/shared/aws-clients.js';

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
 * Makes `serviceIds` the current service catalogue through the real metrics submission path
 * (the same as `POST /v1/metrics/services`). Returns the batch id (derived from the rows).
 */
export async function putServicesBatch(
  target: ServicesBatchTarget,
  serviceIds: readonly string[],
  now: Date = new Date(),
): Promise<string> {
  const result = await submitMetricBatch(
    {
      doc: target.clients.doc,
      s3: target.clients.s3,
      config: {
        tableName: target.tableName,
        lakeBucket: target.lakeBucket,
        timezone: 'America/Sao_Paulo',
      },
      now: () => now,
    },
    {
      dataset: 'services',
      contentType: 'application/json',
      body: JSON.stringify({ rows: serviceIds.map(serviceRow) }),
      submitter: 'test',
    },
  );
  return result.batchId;
}

import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readCurrentSnapshot } from './current-snapshot.js';
import type { ServiceRow } from './services.js';

/** The city's service catalogue as the current `services` snapshot holds it. */
export interface ServiceCatalogue {
  /** Whether a service id is in the current catalogue. */
  has(serviceId: string): Promise<boolean>;
  /** Every service of the current snapshot. */
  list(): Promise<readonly ServiceRow[]>;
}

/** Options of {@link createServiceCatalogue}. */
export interface ServiceCatalogueOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly lakeBucket: string;
  /** How long a loaded catalogue is reused (default 60 s). */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

/**
 * Reads the current `services` snapshot (the batch in force, per its batch records) and keeps it
 * in memory for `ttlMs`: one query and one small object read per minute at most. A failed load
 * is not cached, so the next request tries again.
 */
export function createServiceCatalogue(options: ServiceCatalogueOptions): ServiceCatalogue {
  const ttl = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  let cached: { at: number; value: Promise<Map<string, ServiceRow>> } | undefined;

  const load = async (): Promise<Map<string, ServiceRow>> => {
    const snapshot = await readCurrentSnapshot(options, 'services');
    const rows = (snapshot?.rows ?? []) as ServiceRow[];
    return new Map(rows.map((r) => [r.service_id, r]));
  };
  const get = () => {
    if (!cached || now() - cached.at >= ttl) {
      const value = load();
      cached = { at: now(), value };
      value.catch(() => {
        cached = undefined;
      });
    }
    return cached.value;
  };
  return {
    async has(serviceId) {
      return (await get()).has(serviceId);
    },
    async list() {
      return [...(await get()).values()];
    },
  };
}

import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IndicatorDocument } from '../publish/indicator-document.js';
import {
  listManifests,
  listVersions,
  type Manifest,
  readManifest,
  type VersionRecord,
} from '../publish/manifest.js';

/** Read access to published indicators, cached in memory. */
export interface IndicatorStore {
  /** Every published indicator's manifest (cached for the manifest TTL). */
  manifests(): Promise<Manifest[]>;
  /** One indicator's manifest, or undefined when it was never published. */
  manifest(id: string): Promise<Manifest | undefined>;
  /** A published document; versions never change, so they are cached by version. */
  document(
    manifest: Pick<Manifest, 'indicatorId' | 'version' | 'jsonKey'>,
  ): Promise<IndicatorDocument>;
  /** The published history of an indicator, newest first. */
  versions(id: string): Promise<VersionRecord[]>;
}

/** Options of {@link createIndicatorStore}. */
export interface IndicatorStoreOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly lakeBucket: string;
  /** How long manifests are served from memory (default 5 s). */
  readonly manifestTtlMs?: number;
  /** How many published documents stay in memory (default 64). */
  readonly maxDocuments?: number;
  readonly now?: () => number;
}

/**
 * A read-only store over the manifests in DynamoDB and the published documents in S3. A warm
 * function answers from memory: manifests for a few seconds, documents per version (immutable).
 */
export function createIndicatorStore(options: IndicatorStoreOptions): IndicatorStore {
  const ttl = options.manifestTtlMs ?? 5000;
  const maxDocuments = options.maxDocuments ?? 64;
  const now = options.now ?? Date.now;
  let all: { at: number; value: Promise<Manifest[]> } | undefined;
  const one = new Map<string, { at: number; value: Promise<Manifest | undefined> }>();
  const documents = new Map<string, Promise<IndicatorDocument>>();

  const fresh = (at: number) => now() - at < ttl;

  return {
    manifests() {
      if (!all || !fresh(all.at)) {
        const value = listManifests(options.doc, options.tableName);
        all = { at: now(), value };
        value.catch(() => {
          all = undefined;
        });
      }
      return all.value;
    },
    manifest(id) {
      const hit = one.get(id);
      if (hit && fresh(hit.at)) return hit.value;
      const value = readManifest(options.doc, options.tableName, id);
      one.set(id, { at: now(), value });
      value.catch(() => one.delete(id));
      return value;
    },
    document(manifest) {
      const cacheKey = `${manifest.indicatorId}@${manifest.version}`;
      let hit = documents.get(cacheKey);
      if (hit) {
        documents.delete(cacheKey);
        documents.set(cacheKey, hit);
        return hit;
      }
      hit = readJson<IndicatorDocument>(options.s3, options.lakeBucket, manifest.jsonKey);
      documents.set(cacheKey, hit);
      hit.catch(() => documents.delete(cacheKey));
      while (documents.size > maxDocuments) {
        const oldest = documents.keys().next().value;
        if (oldest === undefined) break;
        documents.delete(oldest);
      }
      return hit;
    },
    versions(id) {
      return listVersions(options.doc, options.tableName, id);
    },
  };
}

async function readJson<T>(s3: S3Client, bucket: string, key: string): Promise<T> {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = await result.Body?.transformToString('utf-8');
  if (text === undefined) throw new Error(`empty object ${key}`);
  return JSON.parse(text) as T;
}

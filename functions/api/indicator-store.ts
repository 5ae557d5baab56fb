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
import { type DocumentHead, readDocumentHead } from './read-document-head.js';

/** What locates a published version's document. */
export type DocumentLocation = Pick<Manifest, 'indicatorId' | 'version' | 'jsonKey'>;

/** Read access to published indicators, cached in memory. */
export interface IndicatorStore {
  /** Every published indicator's manifest (cached for the manifest TTL). */
  manifests(): Promise<Manifest[]>;
  /** One indicator's manifest, or undefined when it was never published (cached for the TTL). */
  manifest(id: string): Promise<Manifest | undefined>;
  /** A published document; versions never change, so they are cached by version. */
  document(location: DocumentLocation): Promise<IndicatorDocument>;
  /**
   * A published document's metadata and receipt without its rows (ranged reads), cached by
   * version: what the history needs without loading every version's rows.
   */
  head(location: DocumentLocation): Promise<DocumentHead>;
  /** The published history of an indicator, newest first (cached for the TTL). */
  versions(id: string): Promise<VersionRecord[]>;
  /**
   * The manifest `manifest(id)` would answer right now from memory without reading, or undefined
   * (not loaded, still loading or expired): lets a response cached for a manifest check, without
   * waiting, that the manifest is still the current one.
   */
  peekManifest(id: string): Manifest | undefined;
  /** Like {@link IndicatorStore.peekManifest}, for the published history. */
  peekVersions(id: string): readonly VersionRecord[] | undefined;
}

/** Options of {@link createIndicatorStore}. */
export interface IndicatorStoreOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly lakeBucket: string;
  /** How long manifests and version lists are served from memory (default 5 s). */
  readonly manifestTtlMs?: number;
  /**
   * How long past the TTL the last manifests are still served while a refresh runs in the
   * background (default 60 s; 0 when the TTL is 0).
   */
  readonly maxStaleMs?: number;
  /** How many published documents stay in memory (default 32, least recently used out). */
  readonly maxDocuments?: number;
  /** How many version heads (metadata and receipt) stay in memory (default 512). */
  readonly maxHeads?: number;
  /** How many versions of one indicator the history lists (default 1,000). */
  readonly maxVersions?: number;
  readonly now?: () => number;
}

/**
 * A read-only store over the manifests in DynamoDB and the published documents in S3. A warm
 * function answers from memory: manifests for a few seconds (then refreshed in the background
 * while the last ones are served), documents per version (immutable). A failed read is not
 * cached.
 */
export function createIndicatorStore(options: IndicatorStoreOptions): IndicatorStore {
  const ttl = options.manifestTtlMs ?? 5000;
  // With a TTL of 0 (always read through) nothing stale is ever served.
  const maxStale = ttl > 0 ? (options.maxStaleMs ?? 60_000) : 0;
  const now = options.now ?? Date.now;
  const { doc, s3, tableName, lakeBucket } = options;
  const all = createTtlCache<string, Manifest[]>(ttl, maxStale, now);
  const one = createTtlCache<string, Manifest | undefined>(ttl, maxStale, now);
  const history = createTtlCache<string, VersionRecord[]>(ttl, maxStale, now);
  const documents = createLru<IndicatorDocument>(options.maxDocuments ?? 32);
  const heads = createLru<DocumentHead>(options.maxHeads ?? 512);

  return {
    manifests: () => all.get('all', () => listManifests(doc, tableName)),
    manifest: (id) => one.get(id, () => readManifest(doc, tableName, id)),
    versions: (id) =>
      history.get(id, () => listVersions(doc, tableName, id, options.maxVersions ?? 1000)),
    document: (location) =>
      documents.get(`${location.indicatorId}@${location.version}`, () =>
        readJson<IndicatorDocument>(s3, lakeBucket, location.jsonKey),
      ),
    peekManifest: (id) => one.peek(id),
    peekVersions: (id) => history.peek(id),
    head: (location) => {
      const key = `${location.indicatorId}@${location.version}`;
      const loaded = documents.peek(key);
      if (loaded) return loaded;
      return heads.get(key, () => readDocumentHead(s3, lakeBucket, location.jsonKey));
    },
  };
}

interface TtlEntry<V> {
  readonly at: number;
  readonly value: Promise<V>;
  settled?: { readonly value: V };
  refreshing?: boolean;
}

/**
 * A cache whose entries are fresh for `ttl` ms; then, for up to `maxStale` ms more, the last value
 * keeps being served while one refresh runs in the background (stale-while-revalidate: no
 * request waits for DynamoDB at the end of each TTL, and a failed refresh keeps the last value
 * until the next attempt). Past that, or with no value yet, callers wait for the load.
 */
function createTtlCache<K, V>(ttl: number, maxStale: number, now: () => number) {
  const entries = new Map<K, TtlEntry<V>>();
  const store = (key: K, value: Promise<V>): TtlEntry<V> => {
    const entry: TtlEntry<V> = { at: now(), value };
    entries.set(key, entry);
    value.then(
      (resolved) => {
        entry.settled = { value: resolved };
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry;
  };
  return {
    get(key: K, load: () => Promise<V>): Promise<V> {
      const hit = entries.get(key);
      const age = hit ? now() - hit.at : Number.POSITIVE_INFINITY;
      if (hit && age < ttl) return hit.value;
      if (hit?.settled && age < ttl + maxStale) {
        if (!hit.refreshing) {
          hit.refreshing = true;
          load().then(
            (fresh) => {
              if (entries.get(key) !== hit) return;
              const entry = store(key, Promise.resolve(fresh));
              entry.settled = { value: fresh };
            },
            () => {
              hit.refreshing = false;
            },
          );
        }
        return hit.value;
      }
      return store(key, load()).value;
    },
    /** The value `get` would answer now without waiting, if any. */
    peek(key: K): V | undefined {
      const hit = entries.get(key);
      if (!hit?.settled) return undefined;
      const age = now() - hit.at;
      return age < ttl || (hit.refreshing && age < ttl + maxStale) ? hit.settled.value : undefined;
    },
  };
}

function createLru<V>(max: number) {
  const entries = new Map<string, Promise<V>>();
  let newest: string | undefined;
  return {
    peek(key: string): Promise<V> | undefined {
      return entries.get(key);
    },
    get(key: string, load: () => Promise<V>): Promise<V> {
      const hit = entries.get(key);
      if (hit) {
        if (key !== newest) {
          entries.delete(key);
          entries.set(key, hit);
          newest = key;
        }
        return hit;
      }
      const value = load();
      entries.set(key, value);
      newest = key;
      value.catch(() => {
        if (entries.get(key) === value) entries.delete(key);
      });
      while (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return value;
    },
  };
}

async function readJson<T>(s3: S3Client, bucket: string, key: string): Promise<T> {
  const result = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = await result.Body?.transformToString('utf-8');
  if (text === undefined) throw new Error(`empty object ${key}`);
  return JSON.parse(text) as T;
}

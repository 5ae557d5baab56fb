import { createHash } from 'node:crypto';
import type { Bilingual } from '../indicators/indicator-metadata.js';

/** A service of the city's catalogue, as the `services` dataset holds it (snake_case columns). */
export interface ServiceRecord {
  readonly service_id: string;
  readonly name_pt: string;
  readonly name_en: string;
  readonly category: string;
  readonly digital_level: 'full' | 'partial' | 'none';
}

/**
 * Where the API reads the current service catalogue (names, categories, digital level). It is
 * called per response build, so implementations cache (see {@link cachedServiceDirectory}).
 */
export type ServiceDirectory = () => Promise<readonly ServiceRecord[]>;

/** A directory with no services: names come out null (used until a catalogue is wired). */
export const emptyServiceDirectory: ServiceDirectory = async () => [];

/**
 * Wraps a directory so it is read at most once per `ttlMs`; a failed read is logged by the caller
 * and retried next time, and the last good catalogue keeps being served meanwhile.
 */
export function cachedServiceDirectory(
  load: ServiceDirectory,
  ttlMs: number,
  now: () => number = Date.now,
): ServiceDirectory {
  let last: { at: number; value: readonly ServiceRecord[] } | undefined;
  let pending: Promise<readonly ServiceRecord[]> | undefined;
  return async () => {
    if (last && now() - last.at < ttlMs) return last.value;
    pending ??= load()
      .then((value) => {
        last = { at: now(), value };
        return value;
      })
      .finally(() => {
        pending = undefined;
      });
    if (last) return pending.catch(() => (last as { value: readonly ServiceRecord[] }).value);
    return pending;
  };
}

const nameMaps = new WeakMap<readonly ServiceRecord[], ReadonlyMap<string, Bilingual>>();

/** Service names by id, as the labels of the `service_id` dimension (cached per catalogue). */
export function serviceNameLabels(
  services: readonly ServiceRecord[],
): ReadonlyMap<string, Bilingual> {
  let map = nameMaps.get(services);
  if (!map) {
    map = new Map(services.map((s) => [s.service_id, { 'pt-BR': s.name_pt, en: s.name_en }]));
    nameMaps.set(services, map);
  }
  return map;
}

const fingerprints = new WeakMap<readonly ServiceRecord[], string>();

/**
 * A hash of a service catalogue's content (cached per catalogue): equal catalogues give equal
 * fingerprints on every instance, so entity tags built from it are stable.
 */
export function catalogueFingerprint(services: readonly ServiceRecord[]): string {
  let hash = fingerprints.get(services);
  if (hash === undefined) {
    hash = createHash('sha256').update(JSON.stringify(services)).digest('hex').slice(0, 16);
    fingerprints.set(services, hash);
  }
  return hash;
}

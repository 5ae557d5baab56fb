import type { Manifest } from '../publish/manifest.js';
import { ProblemError } from '../shared/problem.js';
import { closestIds } from './closest-ids.js';
import type { IndicatorStore } from './indicator-store.js';

/**
 * The manifest of a published indicator, or a 404 `not-found` problem suggesting the closest
 * published ids (`suggestions`).
 */
export async function findManifest(store: IndicatorStore, id: string): Promise<Manifest> {
  const manifest = await store.manifest(id);
  if (manifest) return manifest;
  const ids = (await store.manifests()).map((m) => m.indicatorId);
  const suggestions = closestIds(id, ids);
  throw new ProblemError('not-found', {
    detail: `No published indicator '${id}'.${
      suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : ''
    } The catalogue is at /v1/indicators.`,
    extensions: { suggestions },
  });
}

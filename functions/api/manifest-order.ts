import type { Manifest } from '../publish/manifest.js';

/** Manifests ordered by indicator id (a stable cache key). */
export function sortManifests(manifests: readonly Manifest[]): Manifest[] {
  return [...manifests].sort((a, b) => a.indicatorId.localeCompare(b.indicatorId));
}

/** The latest computation instant among manifests (the catalogue's `Last-Modified`). */
export function latestInstant(
  manifests: readonly Pick<Manifest, 'computedAt'>[],
): string | undefined {
  let latest: string | undefined;
  for (const m of manifests) if (!latest || m.computedAt > latest) latest = m.computedAt;
  return latest;
}

import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import type { ApiConfig } from './api-config.js';
import type { ResolveModule } from './docs/swagger-ui-assets.js';
import type { FrontCache } from './front-cache.js';
import type { IndicatorStore } from './indicator-store.js';
import type { RepresentationCache } from './representation-cache.js';
import type { ServiceDirectory } from './service-directory.js';

/** What the public read routes need: their data sources, settings and caches. */
export interface ReadRoutesDeps {
  /** Manifests, versions and published documents (cached in memory). */
  readonly store: IndicatorStore;
  /** The dimension label registry (`queries/dimensions.yaml`), loaded once. */
  readonly registry: () => Promise<DimensionRegistry>;
  /** The current service catalogue (names of `service_id` values). */
  readonly services: ServiceDirectory;
  readonly config: ApiConfig;
  /** Serialized responses, per version, language, format and filters. */
  readonly representations: RepresentationCache;
  /** Results replayed before routing (see `front-cache.ts`); none when absent. */
  readonly frontCache?: FrontCache | undefined;
  /** How the docs page finds `swagger-ui-dist` (default: Node resolution from this module). */
  readonly resolveModule?: ResolveModule | undefined;
}

import type { ApiConfig } from './api-config.js';

/** `Cache-Control` of what changes when a new version is published (latest results, lists). */
export function latestCacheControl(
  config: Pick<ApiConfig, 'cacheMaxAgeSeconds' | 'staleWhileRevalidateSeconds'>,
): string {
  return `public, max-age=${config.cacheMaxAgeSeconds}, stale-while-revalidate=${config.staleWhileRevalidateSeconds}`;
}

/** `Cache-Control` of a published version addressed by its id: its bytes never change. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** `Cache-Control` of errors and health checks. */
export const NO_STORE = 'no-store';

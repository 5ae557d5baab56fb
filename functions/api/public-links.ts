import type { Context } from 'hono';
import type { ApiConfig } from './api-config.js';

/**
 * The base URL of absolute links: `MIRANTE_PUBLIC_URL` when configured, else the request's origin
 * (scheme, host and port).
 */
export function publicBaseUrl(c: Context, config: Pick<ApiConfig, 'publicUrl'>): string {
  if (config.publicUrl) return config.publicUrl;
  const url = c.req.url;
  const path = url.indexOf('/', url.indexOf('//') + 2);
  return path < 0 ? url : url.slice(0, path);
}

/** Absolute links of the API's resources under a base URL. */
export interface PublicLinks {
  readonly base: string;
  indicator(id: string): string;
  indicatorCsv(id: string): string;
  versions(id: string): string;
  version(id: string, version: string): string;
  versionCsv(id: string, version: string): string;
  chart(id: string): string;
  catalogue(): string;
  services(): string;
  service(id: string): string;
  dcat(): string;
  docs(): string;
}

/** Builds the links of the API under a base URL (path segments percent-encoded). */
export function publicLinks(base: string): PublicLinks {
  const seg = encodeURIComponent;
  const indicator = (id: string) => `${base}/v1/indicators/${seg(id)}`;
  return {
    base,
    indicator,
    indicatorCsv: (id) => `${indicator(id)}.csv`,
    versions: (id) => `${indicator(id)}/versions`,
    version: (id, v) => `${indicator(id)}/versions/${seg(v)}`,
    versionCsv: (id, v) => `${indicator(id)}/versions/${seg(v)}.csv`,
    chart: (id) => `${indicator(id)}/chart.svg`,
    catalogue: () => `${base}/v1/indicators`,
    services: () => `${base}/v1/services`,
    service: (id) => `${base}/v1/services/${seg(id)}`,
    dcat: () => `${base}/v1/catalog`,
    docs: () => `${base}/docs`,
  };
}

import { z } from 'zod';

/** CC BY 4.0, the default licence of the published data. */
export const CC_BY_4 = 'https://creativecommons.org/licenses/by/4.0/';

/** Settings of the public read API (beyond {@link MiranteConfig}). */
export interface ApiConfig {
  /**
   * The public base URL of the API (`MIRANTE_PUBLIC_URL`, e.g. `https://dados.cidade.gov.br`),
   * used for absolute links and the DCAT catalogue; when unset, the request's origin.
   */
  readonly publicUrl: string | undefined;
  /** Origins allowed by CORS (`MIRANTE_CORS_ORIGINS`, comma-separated; default any: `*`). */
  readonly corsOrigins: '*' | readonly string[];
  /** How long the manifests are served from memory (`MIRANTE_MANIFEST_TTL_MS`, default 5 s). */
  readonly manifestTtlMs: number;
  /** `max-age` of the latest results (`MIRANTE_CACHE_MAX_AGE`, default 300 s). */
  readonly cacheMaxAgeSeconds: number;
  /** `stale-while-revalidate` of the latest results (default 3,600 s). */
  readonly staleWhileRevalidateSeconds: number;
  /** Licence of the published data, a URI (`MIRANTE_DATA_LICENSE`, default CC BY 4.0). */
  readonly license: string;
  /** The publisher of the data (`MIRANTE_PUBLISHER_NAME`, `MIRANTE_PUBLISHER_URL`). */
  readonly publisher: { readonly name: string; readonly url: string | undefined };
  /**
   * The contact point of the catalogue (`MIRANTE_CONTACT_NAME`, `MIRANTE_CONTACT_EMAIL`,
   * `MIRANTE_CONTACT_URL`); without a URL, the API's documentation page.
   */
  readonly contact: {
    readonly name: string;
    readonly email: string | undefined;
    readonly url: string | undefined;
  };
}

const optionalUrl = (name: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || URL.canParse(v), `${name} must be an absolute URL`);

const seconds = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number of seconds` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must not be negative`)
    .default(fallback);

const envSchema = z.object({
  MIRANTE_PUBLIC_URL: optionalUrl('MIRANTE_PUBLIC_URL').refine(
    (v) => v === undefined || /^https?:\/\//.test(v),
    'MIRANTE_PUBLIC_URL must start with http:// or https://',
  ),
  MIRANTE_CORS_ORIGINS: z.string().default('*'),
  MIRANTE_MANIFEST_TTL_MS: z.coerce
    .number({ error: 'MIRANTE_MANIFEST_TTL_MS must be a number' })
    .int()
    .min(0, 'MIRANTE_MANIFEST_TTL_MS must not be negative')
    .default(5000),
  MIRANTE_CACHE_MAX_AGE: seconds('MIRANTE_CACHE_MAX_AGE', 300),
  MIRANTE_CACHE_STALE_WHILE_REVALIDATE: seconds('MIRANTE_CACHE_STALE_WHILE_REVALIDATE', 3600),
  MIRANTE_DATA_LICENSE: optionalUrl('MIRANTE_DATA_LICENSE'),
  MIRANTE_PUBLISHER_NAME: z.string().min(1).default('Prefeitura de Belo Horizonte'),
  MIRANTE_PUBLISHER_URL: optionalUrl('MIRANTE_PUBLISHER_URL'),
  MIRANTE_CONTACT_NAME: z.string().min(1).default('Mirante — dados abertos'),
  MIRANTE_CONTACT_EMAIL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine(
      (v) => v === undefined || /^[^@\s]+@[^@\s]+$/.test(v),
      'MIRANTE_CONTACT_EMAIL must be an e-mail address',
    ),
  MIRANTE_CONTACT_URL: optionalUrl('MIRANTE_CONTACT_URL'),
});

/** Thrown when an API setting is invalid; the message names the variable. */
export class ApiConfigError extends Error {
  override name = 'ApiConfigError';
}

/**
 * Reads the API's settings from an environment object (call only at an edge: the Lambda module's
 * top level or the CLI). Missing values get the documented defaults.
 */
export function loadApiConfig(env: Readonly<Record<string, string | undefined>>): ApiConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ApiConfigError(parsed.error.issues.map((i) => i.message).join('; '));
  }
  const e = parsed.data;
  const origins = e.MIRANTE_CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const badOrigin = origins.find((o) => o !== '*' && !/^https?:\/\/[^/\s]+$/.test(o));
  if (badOrigin) {
    throw new ApiConfigError(
      `MIRANTE_CORS_ORIGINS holds '${badOrigin}': list origins such as https://portal.cidade.gov.br (scheme and host, no path), or '*'`,
    );
  }
  return {
    publicUrl: e.MIRANTE_PUBLIC_URL?.replace(/\/+$/, ''),
    corsOrigins: origins.length === 0 || origins.includes('*') ? '*' : origins,
    manifestTtlMs: e.MIRANTE_MANIFEST_TTL_MS,
    cacheMaxAgeSeconds: e.MIRANTE_CACHE_MAX_AGE,
    staleWhileRevalidateSeconds: e.MIRANTE_CACHE_STALE_WHILE_REVALIDATE,
    license: e.MIRANTE_DATA_LICENSE ?? CC_BY_4,
    publisher: { name: e.MIRANTE_PUBLISHER_NAME, url: e.MIRANTE_PUBLISHER_URL },
    contact: {
      name: e.MIRANTE_CONTACT_NAME,
      email: e.MIRANTE_CONTACT_EMAIL,
      url: e.MIRANTE_CONTACT_URL,
    },
  };
}

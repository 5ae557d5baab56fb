/**
 * A response body ready to send, with the headers that describe it (`ETag`, `Content-Type`,
 * `Cache-Control`, `Last-Modified`, …). Built once per published version, language, format and
 * filters, then served from memory.
 */
export interface Representation {
  /** The body, encoded once as UTF-8 (written to the socket as is). */
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
  /** `Last-Modified` as a millisecond timestamp (compared with `If-Modified-Since`). */
  readonly lastModifiedMs?: number | undefined;
  /** Every header of a 200, the entity tag and caching headers included. */
  readonly headers: Readonly<Record<string, string>>;
  /** The headers a 304 repeats (RFC 9110 §15.4.5). */
  readonly notModifiedHeaders: Readonly<Record<string, string>>;
}

/** What describes a representation besides its body. */
export interface RepresentationOptions {
  readonly etag: string;
  readonly contentType: string;
  readonly cacheControl: string;
  /** When the content last changed (an ISO instant). */
  readonly lastModified?: string | undefined;
  /** Further headers (e.g. `Content-Disposition`, `Content-Language`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Builds a {@link Representation} from its text. */
export function representation(text: string, options: RepresentationOptions): Representation {
  const body = Buffer.from(text, 'utf8');
  const lastModifiedMs = options.lastModified ? Date.parse(options.lastModified) : Number.NaN;
  const validators: Record<string, string> = {
    ETag: options.etag,
    'Cache-Control': options.cacheControl,
    ...(Number.isFinite(lastModifiedMs)
      ? { 'Last-Modified': new Date(lastModifiedMs).toUTCString() }
      : {}),
  };
  const repeated: Record<string, string> = {};
  for (const name of ['Content-Language', 'Vary']) {
    const value = options.headers?.[name];
    if (value !== undefined) repeated[name] = value;
  }
  return {
    body,
    etag: options.etag,
    lastModifiedMs: Number.isFinite(lastModifiedMs) ? lastModifiedMs : undefined,
    headers: { 'Content-Type': options.contentType, ...validators, ...options.headers },
    notModifiedHeaders: { ...validators, ...repeated },
  };
}

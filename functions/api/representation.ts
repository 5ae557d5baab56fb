import type { Context } from 'hono';
import { etagMatches } from '../http/entity-tag.js';

/**
 * A response body ready to send, with the headers that describe it (`ETag`, `Content-Type`,
 * `Cache-Control`, `Last-Modified`, …). Built once per published version, language, format and
 * filters, then served from memory.
 */
export interface Representation {
  readonly body: string;
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

/** Builds a {@link Representation}. */
export function representation(body: string, options: RepresentationOptions): Representation {
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

/**
 * Sends a representation, or a bodiless 304 when the request's `If-None-Match` matches its
 * entity tag (or, without `If-None-Match`, when `If-Modified-Since` is not older than it).
 */
export function sendRepresentation(c: Context, r: Representation): Response {
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, r.etag)) return c.body(null, 304, r.notModifiedHeaders);
  } else if (r.lastModifiedMs !== undefined) {
    const since = Date.parse(c.req.header('if-modified-since') ?? '');
    if (Number.isFinite(since) && Math.floor(r.lastModifiedMs / 1000) * 1000 <= since) {
      return c.body(null, 304, r.notModifiedHeaders);
    }
  }
  return c.body(r.body, 200, r.headers);
}

/** An in-memory cache of representations, bounded by entries and by bytes (least recently used out). */
export interface RepresentationCache {
  /** The cached representation of a key, or the one `build` makes (then cached). */
  get(key: string, build: () => Representation | Promise<Representation>): Promise<Representation>;
  /**
   * The representation remembered under a request alias (a key made of the raw request: path,
   * query string and negotiation headers), skipping parsing on repeated identical requests.
   */
  recall(alias: string): Representation | undefined;
  /** Remembers a small representation under a request alias (bounded, least recently used out). */
  remember(alias: string, representation: Representation): void;
  /** How many representations are held (tests, metrics). */
  readonly size: number;
}

/** Bodies larger than this are not remembered under aliases (they stay in the main cache). */
const MAX_ALIASED_BODY = 256 * 1024;

/** Creates a {@link RepresentationCache}. */
export function createRepresentationCache(
  options: { maxEntries?: number; maxBytes?: number; maxAliases?: number } = {},
): RepresentationCache {
  const maxEntries = options.maxEntries ?? 512;
  const maxAliases = options.maxAliases ?? 2048;
  const aliases = new Map<string, Representation>();
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, Representation>();
  let bytes = 0;
  return {
    get size() {
      return entries.size;
    },
    recall(alias) {
      return aliases.get(alias);
    },
    remember(alias, representation) {
      if (representation.body.length > MAX_ALIASED_BODY || aliases.has(alias)) return;
      aliases.set(alias, representation);
      if (aliases.size > maxAliases) {
        const oldest = aliases.keys().next().value;
        if (oldest !== undefined) aliases.delete(oldest);
      }
    },
    async get(key, build) {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const built = await build();
      const size = built.body.length * 2;
      if (size > maxBytes) return built;
      const previous = entries.get(key);
      if (previous) bytes -= previous.body.length * 2;
      entries.set(key, built);
      bytes += size;
      while (entries.size > maxEntries || bytes > maxBytes) {
        const [oldestKey, oldest] = entries.entries().next().value ?? [];
        if (oldestKey === undefined || !oldest) break;
        entries.delete(oldestKey);
        bytes -= oldest.body.length * 2;
      }
      return built;
    },
  };
}

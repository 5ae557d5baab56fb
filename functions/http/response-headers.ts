import type { Context } from 'hono';

/** A set of response headers shared by many responses (never mutated). */
export type HeaderSet = Readonly<Record<string, string>>;

/**
 * Headers every response of a request must carry (security headers, the request id, CORS),
 * gathered by middleware before the handler runs: shared constant sets plus the request id. They
 * are added to the handler's response afterwards, in place, so Hono never rebuilds a response; a
 * route that builds its own `Response` (the read API's hot path) merges them itself (see
 * {@link mergeResponseHeaders}) and marks them applied.
 */
export interface ResponseHeaderBag {
  readonly requestId: string;
  /** Constant header sets, in order (a later set wins; `Vary` fields are combined). */
  readonly sets: HeaderSet[];
}

/** The Content-Security-Policy of every response that does not send its own (HTML pages do). */
export const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'";

/** The security headers of every Mirante response. */
export const SECURITY_HEADERS: HeaderSet = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': DEFAULT_CSP,
});

/** A request's bag: the security headers and its request id. */
export function createResponseHeaderBag(requestId: string): ResponseHeaderBag {
  return { requestId, sets: [SECURITY_HEADERS] };
}

interface Template {
  readonly sets: readonly HeaderSet[];
  readonly headers: Readonly<Record<string, string>>;
}

const templates = new WeakMap<HeaderSet, Template[]>();

/**
 * A route's own headers with the request's bag merged in, as one plain object: the route's
 * headers win (its Content-Security-Policy, its Cache-Control) and `Vary` fields are combined.
 * The merge of constant parts is cached per (own headers, bag sets), so a request costs one
 * object copy.
 */
export function mergeResponseHeaders(
  bag: ResponseHeaderBag | undefined,
  own: HeaderSet,
): Record<string, string> {
  if (!bag) return { ...own };
  let known = templates.get(own);
  if (!known) {
    known = [];
    templates.set(own, known);
  }
  let template = known.find(
    (t) => t.sets.length === bag.sets.length && t.sets.every((s, i) => s === bag.sets[i]),
  );
  if (!template) {
    template = { sets: [...bag.sets], headers: combine([...bag.sets, own]) };
    if (known.length < 16) known.push(template);
  }
  const headers = { ...template.headers };
  headers['X-Request-Id'] = bag.requestId;
  return headers;
}

function combine(sets: readonly HeaderSet[]): Record<string, string> {
  const headers: Record<string, string> = {};
  const vary: string[] = [];
  for (const set of sets) {
    for (const name in set) {
      const value = set[name] as string;
      if (name === 'Vary') vary.push(value);
      else headers[name] = value;
    }
  }
  if (vary.length) headers.Vary = vary.reverse().join(', ');
  return headers;
}

/**
 * Adds the bag to the response the handler produced: `Vary` appended, every other header only
 * when absent (so a page keeps its own Content-Security-Policy), the request id. The response's
 * headers are changed in place (a lightweight or mutable response); an immutable one is rebuilt
 * through `c.header`.
 */
export function applyResponseHeaders(c: Context, bag: ResponseHeaderBag): void {
  const entries: [string, string][] = [['X-Request-Id', bag.requestId]];
  for (const set of bag.sets) for (const name in set) entries.push([name, set[name] as string]);
  try {
    const headers = c.res.headers;
    for (const [name, value] of entries) {
      if (name === 'Vary') headers.append(name, value);
      else if (!headers.has(name)) headers.set(name, value);
    }
  } catch {
    for (const [name, value] of entries) {
      if (name === 'Vary') c.header(name, value, { append: true });
      else if (!c.res.headers.has(name)) c.header(name, value);
    }
  }
}

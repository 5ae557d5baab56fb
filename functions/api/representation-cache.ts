import type { Representation } from './representation.js';

/** An in-memory cache of representations, bounded by entries and by bytes (least recently used out). */
export interface RepresentationCache {
  /** The cached representation of a key, or the one `build` makes (then cached). */
  get(key: string, build: () => Representation | Promise<Representation>): Promise<Representation>;
  /**
   * The representation remembered for a request alias — the raw query string and negotiation
   * headers — within a scope (the manifest or version record served, compared by identity),
   * skipping parsing on repeated identical requests.
   */
  recall(scope: object, alias: string): Representation | undefined;
  /** Remembers a small representation for an alias within a scope (bounded per scope). */
  remember(scope: object, alias: string, representation: Representation): void;
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
  const maxAliases = options.maxAliases ?? 256;
  const scopes = new WeakMap<object, Map<string, Representation>>();
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, Representation>();
  let bytes = 0;
  return {
    get size() {
      return entries.size;
    },
    recall(scope, alias) {
      return scopes.get(scope)?.get(alias);
    },
    remember(scope, alias, representation) {
      if (representation.body.byteLength > MAX_ALIASED_BODY) return;
      let aliases = scopes.get(scope);
      if (!aliases) {
        aliases = new Map();
        scopes.set(scope, aliases);
      }
      if (aliases.has(alias)) return;
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
      const size = built.body.byteLength;
      if (size > maxBytes) return built;
      const previous = entries.get(key);
      if (previous) bytes -= previous.body.byteLength;
      entries.set(key, built);
      bytes += size;
      while (entries.size > maxEntries || bytes > maxBytes) {
        const [oldestKey, oldest] = entries.entries().next().value ?? [];
        if (oldestKey === undefined || !oldest) break;
        entries.delete(oldestKey);
        bytes -= oldest.body.byteLength;
      }
      return built;
    },
  };
}

import type { Representation } from './representation.js';

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

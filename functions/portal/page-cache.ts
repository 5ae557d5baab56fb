/** Rendered pages kept in memory, least recently used out, each for a limited time. */
export interface PageCache {
  /** The page under `key`, rendering (and keeping) it when absent or expired. */
  get(key: string, render: () => Promise<string>): Promise<string>;
}

/**
 * A small LRU of rendered pages. The key names everything the page depends on (language,
 * filters, the published versions), so a new publication renders afresh; `ttlMs` bounds how long
 * anything else it reads (service names) can be stale. A failed render is not kept.
 */
export function createPageCache(
  maxEntries = 32,
  ttlMs = 60_000,
  now: () => number = Date.now,
): PageCache {
  const entries = new Map<string, { at: number; page: Promise<string> }>();
  return {
    get(key, render) {
      const hit = entries.get(key);
      entries.delete(key);
      if (hit && now() - hit.at < ttlMs) {
        entries.set(key, hit);
        return hit.page;
      }
      const page = render();
      const entry = { at: now(), page };
      entries.set(key, entry);
      page.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return page;
    },
  };
}

import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/** A regular file of a local lake copy. */
export interface LakeFileEntry {
  /** Path relative to the lake folder, with `/` separators (the object key below the root). */
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Lists the regular files under a lake folder (recursively), sorted by path. A missing folder
 * is an empty lake. Symbolic links and other special files are left out.
 */
export async function listLakeFiles(lakeDir: string): Promise<LakeFileEntry[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(lakeDir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: LakeFileEntry[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const info = await stat(full);
    files.push({
      path: full
        .slice(lakeDir.length + 1)
        .split(sep)
        .join('/'),
      size: info.size,
      mtimeMs: info.mtimeMs,
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

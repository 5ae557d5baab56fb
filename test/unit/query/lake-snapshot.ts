import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under a folder with the SHA-256 of its bytes (path relative to the folder). */
export async function snapshotFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const full = join(entry.parentPath, entry.name);
    if (entry.isFile()) {
      out[relative(dir, full)] = createHash('sha256')
        .update(await readFile(full))
        .digest('hex');
    } else if (entry.isDirectory()) {
      out[`${relative(dir, full)}/`] = 'dir';
    }
  }
  return out;
}

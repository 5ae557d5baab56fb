import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Entries kept in the history file. */
export const HISTORY_LIMIT = 1000;

/** Reads the prompt history (oldest first); a missing file is an empty history. */
export async function loadHistory(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  } catch {
    return [];
  }
}

/**
 * Appends one statement to the history file as a single line (line breaks folded to spaces),
 * dropping an identical previous entry and keeping the last {@link HISTORY_LIMIT}. Returns the
 * new history.
 */
export async function appendHistory(file: string, statement: string): Promise<string[]> {
  const entry = statement.replace(/\s*\n\s*/g, ' ').trim();
  const history = (await loadHistory(file)).filter((line) => line !== entry);
  if (entry !== '') history.push(entry);
  const kept = history.slice(-HISTORY_LIMIT);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${kept.join('\n')}\n`, { mode: 0o600 });
  return kept;
}

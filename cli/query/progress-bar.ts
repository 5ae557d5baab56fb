/** The part of a writable stream the progress bar needs. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** A one-line progress bar. */
export interface ProgressBar {
  /** Redraws the bar (at most ten times a second, and always at 100%). */
  update(doneFiles: number, totalFiles: number, doneBytes: number, totalBytes: number): void;
  /** Replaces the bar with a final line. */
  finish(message: string): void;
}

/**
 * A tiny progress bar drawn in place with `\r` on a terminal (`label [█████░░░░░] 12/40 files ·
 * 3.4/10.2 MB`). On anything else it draws nothing and `finish` prints one line.
 */
export function createProgressBar(
  stream: ProgressStream,
  label: string,
  now: () => number = Date.now,
): ProgressBar {
  const tty = Boolean(stream.isTTY);
  let last = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(doneFiles, totalFiles, doneBytes, totalBytes) {
      if (!tty) return;
      const t = now();
      if (doneFiles < totalFiles && t - last < 100) return;
      last = t;
      const fraction =
        totalBytes > 0 ? doneBytes / totalBytes : totalFiles > 0 ? doneFiles / totalFiles : 1;
      const counts = `${doneFiles}/${totalFiles} files · ${megabytes(doneBytes)}/${megabytes(totalBytes)} MB`;
      const room = (stream.columns ?? 80) - label.length - counts.length - 5;
      const width = Math.max(10, Math.min(30, room));
      const full = Math.round(Math.min(1, Math.max(0, fraction)) * width);
      stream.write(`\r${label} [${'█'.repeat(full)}${'░'.repeat(width - full)}] ${counts}\x1b[K`);
      drawn = true;
    },
    finish(message) {
      stream.write(`${drawn ? '\r\x1b[K' : ''}${message}\n`);
      drawn = false;
    },
  };
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

import type { SeedProgress, SeedProgressListener } from '../functions/seed/seed-progress.js';

/** The part of a terminal stream the bar needs. */
export interface BarStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** A progress display for the demo seed. */
export interface SeedProgressBar {
  readonly listener: SeedProgressListener;
  /** Ends the current line (before the summary is printed). */
  finish(): void;
}

const STEP_NAMES = {
  metrics: 'metrics',
  ratings: 'ratings',
  recent: 'latest ratings',
} as const;

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * On a terminal, one bar redrawn in place with `\r` (at most ten times a second, always at the
 * end of a step): `  ratings         [██████░░░░░░░░░░] 38%  76,000/200,000  2025-03`. Anywhere
 * else (a log file, CI), plain lines: the start and end of each step and every 25% between.
 */
export function createSeedProgressBar(
  stream: BarStream,
  print: (line: string) => void,
  now: () => number = Date.now,
): SeedProgressBar {
  const tty = Boolean(stream.isTTY);
  let step: SeedProgress['step'] | undefined;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let lastQuarter = -1;
  let drawn = false;
  const endLine = () => {
    if (drawn) stream.write('\n');
    drawn = false;
  };
  const listener: SeedProgressListener = (p) => {
    const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
    const complete = p.done >= p.total;
    const counts = `${fmt(p.done)}/${fmt(p.total)}`;
    if (p.step !== step) {
      endLine();
      step = p.step;
      lastQuarter = -1;
      lastDraw = Number.NEGATIVE_INFINITY;
    }
    if (!tty) {
      const quarter = Math.floor(fraction * 4);
      if (quarter !== lastQuarter) {
        lastQuarter = quarter;
        print(`  ${STEP_NAMES[p.step]}: ${Math.round(fraction * 100)}% (${counts})`);
      }
      return;
    }
    const t = now();
    if (!complete && t - lastDraw < 100) return;
    lastDraw = t;
    const name = STEP_NAMES[p.step].padEnd(15);
    const percent = `${String(Math.round(fraction * 100)).padStart(3)}%`;
    const tail = `${counts}  ${p.label}`;
    const room = (stream.columns ?? 80) - name.length - percent.length - tail.length - 8;
    const width = Math.max(10, Math.min(30, room));
    const full = Math.round(fraction * width);
    stream.write(
      `\r  ${name} [${'█'.repeat(full)}${'░'.repeat(width - full)}] ${percent}  ${tail}\x1b[K`,
    );
    drawn = true;
  };
  return { listener, finish: endLine };
}

/** One measured figure of a benchmark, with the baseline it is compared to in the same run. */
export interface BenchFigure {
  readonly name: string;
  /** What was measured (e.g. seconds, requests/s, MB). */
  readonly unit: string;
  readonly value: number;
  readonly baseline?: { readonly name: string; readonly value: number };
  /** value ÷ baseline, and the goal it must meet. */
  readonly ratio?: number;
  readonly goal?: string;
  readonly pass?: boolean;
}

/** A benchmark: a name and a function that measures and returns its figures. */
export interface Benchmark {
  readonly name: string;
  readonly run: (options: BenchOptions) => Promise<BenchFigure[]>;
}

/** Options every benchmark receives (from the command line of `npm run bench`). */
export interface BenchOptions {
  /** Scale factor: 1 is the documented default size. */
  readonly scale: number;
  readonly log: (line: string) => void;
}

/** Times an async function, returning milliseconds. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The median of a few timings (noisy shared machines). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

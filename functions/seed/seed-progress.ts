/** The steps of loading the demo city, in order. */
export type SeedStep = 'metrics' | 'ratings' | 'recent';

/** Where a seed is: `done` of `total` units of a step (batches, ratings, imported ratings). */
export interface SeedProgress {
  readonly step: SeedStep;
  readonly done: number;
  readonly total: number;
  /** What is being loaded right now (e.g. `transactions 2025-03`). */
  readonly label: string;
}

/** Receives progress reports (a progress bar, log lines, a test). */
export type SeedProgressListener = (progress: SeedProgress) => void;

/** Thrown when the seed must not run against a stack (it already holds other data). */
export class SeedRefusedError extends Error {
  override name = 'SeedRefusedError';
}

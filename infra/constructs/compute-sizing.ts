/**
 * Bounds and default of the compute function's memory in MB (the `computeMemoryMb` setting). The
 * handler derives DuckDB's threads and memory limit from the memory the function runs with
 * (functions/compute/duckdb-session.ts), so nothing else reads the value.
 *
 * - `default`: 3,008 MB. A 10M-rating lake's full rebuild peaks at ~1.4 GB, and new AWS accounts
 *   may not create functions above 3,008 MB until AWS raises their quota.
 * - `min`: 1,769 MB, where Lambda gives one full vCPU. Below it compute runs DuckDB's one thread on
 *   a fraction of a core against a 15-minute timeout that can't be raised; at 1,769 MB a
 *   10M-rating rebuild (~1.4 GB peak) still fits. Lambda's own floor (128 MB) is no use for DuckDB.
 * - `max`: 10,240 MB, Lambda's largest function (six vCPUs; DuckDB then runs six threads).
 */
export const COMPUTE_MEMORY_MB = { default: 3008, min: 1769, max: 10_240 } as const;

/** Lambda's largest ephemeral storage (`/tmp`), in MB. */
const LAMBDA_MAX_STORAGE_MB = 10_240;

/** The compute function's `/tmp` at the default memory (unchanged since before the setting). */
const BASE_STORAGE_MB = 4096;

/**
 * The compute function's ephemeral storage for its memory: 4/3 of it, at least 4,096 MB (what the
 * default 3,008 MB gets) and at most Lambda's 10,240 MB; 6,144 MB of memory gets 8,192 MB.
 *
 * `/tmp` grows with the lake as memory does, so one setting raises both: a full rebuild holds the
 * downloaded raw exports with the Parquet staged from them, then that Parquet with the rewritten
 * curated months, and the curated mirror stays between warm runs. By the 100M-rating figures (raw 2.06 GB,
 * curated 1.89 GB) that is about 4 GB, the edge of 4,096 MB, at the lake size whose rebuild also
 * outgrows 3,008 MB of memory. More memory means less DuckDB spill, never more.
 */
export function computeEphemeralStorageMb(memoryMb: number): number {
  const scaled = Math.ceil((memoryMb * 4) / 3);
  return Math.min(LAMBDA_MAX_STORAGE_MB, Math.max(BASE_STORAGE_MB, scaled));
}

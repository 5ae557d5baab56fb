/**
 * Node flags the compute function runs with (its `NODE_OPTIONS`; the compute benchmark's child
 * uses the same). The indicator pass turns tens of thousands of result rows into JSON, CSV and
 * Parquet: many short-lived objects. A 64 MB young generation (the default is 16 MB) lets most of
 * them die young instead of being promoted, which halved the pass's garbage-collection time on
 * 10M ratings; the function has 3,008 MB by default and never less than 1,769 (`computeMemoryMb`),
 * so the extra young space is cheap.
 */
export const COMPUTE_NODE_OPTIONS = '--max-semi-space-size=64';

/**
 * Feedback export time buckets. A bucket id is the UTC start of the bucket as
 * `YYYYMMDDTHHMMSSZ`, so ids sort in time order and name the same bucket everywhere.
 */

/** The id of the bucket of length `bucketSeconds` that contains `instant`. */
export function bucketIdOf(instant: Date, bucketSeconds: number): string {
  const ms = bucketSeconds * 1000;
  const start = new Date(Math.floor(instant.getTime() / ms) * ms);
  return formatBucketId(start);
}

/** Formats a bucket start as a bucket id. */
export function formatBucketId(start: Date): string {
  return start
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Parses a bucket id back to its start instant. */
export function parseBucketId(bucketId: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(bucketId);
  if (!m) throw new Error(`not a bucket id: ${bucketId}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/**
 * The id of the newest bucket that is closed at `now`: its end lies at least `graceSeconds`
 * in the past, so no write still in flight can land in it.
 */
export function lastClosedBucketId(now: Date, bucketSeconds: number, graceSeconds: number): string {
  const cutoff = new Date(now.getTime() - graceSeconds * 1000);
  const open = bucketIdOf(cutoff, bucketSeconds);
  return formatBucketId(new Date(parseBucketId(open).getTime() - bucketSeconds * 1000));
}

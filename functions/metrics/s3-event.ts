import type { S3Event } from 'aws-lambda';

/** One object an S3 event notification announces. */
export interface S3EventObject {
  readonly bucket: string;
  /** The object key, URL-decoded (S3 sends keys form-encoded: `+` for spaces). */
  readonly key: string;
  /** Who uploaded it (`s3:<principal id>`), recorded as the batch's submitter. */
  readonly submitter: string;
}

/** Whether a Lambda event is an S3 event notification (rather than an HTTP API request). */
export function isS3Event(event: unknown): event is S3Event {
  const records = (event as { Records?: unknown } | null)?.Records;
  return (
    Array.isArray(records) &&
    records.length > 0 &&
    records.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        (r as { eventSource?: unknown }).eventSource === 'aws:s3',
    )
  );
}

/** The objects created according to an S3 event (other event types are ignored). */
export function createdObjectsOf(event: S3Event): S3EventObject[] {
  return event.Records.filter((r) => r.eventName.startsWith('ObjectCreated:')).map((r) => ({
    bucket: r.s3.bucket.name,
    key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')),
    submitter: `s3:${r.userIdentity?.principalId ?? 'unknown'}`,
  }));
}

import { ProblemError } from '../shared/problem.js';

/** Seconds a client is asked to wait when DynamoDB or S3 cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'SlowDown',
  'InternalServerError',
  'InternalError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/**
 * Whether an error from an AWS SDK call means the service is unreachable or overloaded (network
 * error, throttling after the SDK's retries, a server fault) rather than a bug in the request.
 */
export function isTransientAwsError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, code, $fault, $retryable, errors } = e as {
      name?: unknown;
      code?: unknown;
      $fault?: unknown;
      $retryable?: unknown;
      errors?: unknown;
    };
    if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return true;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if ($fault === 'server' || $retryable) return true;
    if (Array.isArray(errors) && errors.some(isTransientAwsError)) return true; // AggregateError
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Maps a transient AWS error to a 503 `unavailable` problem with `Retry-After`; any other error
 * (a `ProblemError` or a bug) is returned unchanged. Use as `catch (e) { throw asUnavailable(e) }`.
 */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof ProblemError || !isTransientAwsError(error)) return error;
  return new ProblemError('unavailable', {
    detail: 'The rating store cannot be reached right now. Retry with the same Idempotency-Key.',
    retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
  });
}

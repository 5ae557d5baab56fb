import { randomUUID } from 'node:crypto';

const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The request id of a request: the caller's `X-Request-Id` when it is a safe token (letters,
 * digits, `_ . : -`, at most 128 characters, so it can go into headers and logs as is), else a
 * new UUID.
 */
export function requestIdOf(incoming: string | null | undefined): string {
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

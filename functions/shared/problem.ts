import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Base URI of Mirante's problem types; each class of error has a stable URI under it. */
export const PROBLEM_BASE = 'https://mirante.dev/problems/';

/** Media type of every error response (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One field-level error inside a problem (JSON Pointer to the field, message, optional value). */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
  readonly row?: number;
  readonly column?: string;
  readonly value?: unknown;
}

/** The body of an `application/problem+json` response. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** The stable classes of error, with their status and title. */
export const PROBLEMS = {
  'bad-request': { status: 400, title: 'Bad request' },
  'invalid-json': { status: 400, title: 'Malformed JSON body' },
  'invalid-encoding': { status: 400, title: 'The body is not valid UTF-8' },
  'nesting-too-deep': { status: 400, title: 'The JSON body is nested too deeply' },
  validation: { status: 400, title: 'The request is not valid' },
  'invalid-parameter': { status: 400, title: 'Invalid query parameter' },
  'missing-idempotency-key': { status: 400, title: 'Idempotency-Key header missing or invalid' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'not-acceptable': { status: 406, title: 'Not acceptable' },
  conflict: { status: 409, title: 'Conflict' },
  'request-in-progress': { status: 409, title: 'A request with this key is still in progress' },
  'feedback-erased': { status: 410, title: 'This feedback was erased at its author’s request' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key already used with another request',
  },
  'unprocessable-content': { status: 422, title: 'The content cannot be processed' },
  'unknown-service': { status: 422, title: 'Unknown service' },
  'invalid-rows': { status: 422, title: 'Some rows are not valid' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service temporarily unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable problem class name. */
export type ProblemKind = keyof typeof PROBLEMS;

/** Options of a problem beyond its class. */
export interface ProblemOptions {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** Seconds for a `Retry-After` header (429, 409, 503). */
  readonly retryAfter?: number;
  /** Extra members of the problem body. */
  readonly extensions?: Record<string, unknown>;
}

/**
 * An error that maps to an RFC 9457 problem response. Logic throws it; the HTTP layer turns it
 * into `application/problem+json` with the class's stable `type` URI.
 */
export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly kind: ProblemKind;
  readonly options: ProblemOptions;

  constructor(kind: ProblemKind, options: ProblemOptions = {}) {
    super(options.detail ?? PROBLEMS[kind].title);
    this.kind = kind;
    this.options = options;
  }

  /** HTTP status of this problem. */
  get status(): number {
    return PROBLEMS[this.kind].status;
  }

  /** The problem body for a request path. */
  toBody(instance?: string): ProblemBody {
    const { title, status } = PROBLEMS[this.kind];
    return {
      type: `${PROBLEM_BASE}${this.kind}`,
      title,
      status,
      ...(this.options.detail ? { detail: this.options.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.options.errors ? { errors: this.options.errors } : {}),
      ...(this.options.extensions ?? {}),
    };
  }
}

/** Writes a problem as the response of a Hono context. */
export function problemResponse(c: Context, error: ProblemError): Response {
  const body = error.toBody(c.req.path);
  const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE };
  if (error.options.retryAfter !== undefined) {
    headers['Retry-After'] = String(Math.max(1, Math.ceil(error.options.retryAfter)));
  }
  return c.body(JSON.stringify(body), error.status as ContentfulStatusCode, headers);
}

import { timingSafeEqual } from 'node:crypto';
import { ProblemError } from './problem.js';

/**
 * Where staff identity comes from: locally a shared bearer token; on AWS the claims of a Cognito
 * JWT already validated by the HTTP API's JWT authorizer.
 */
export type StaffAuthSource =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'jwt-claims'; readonly group: string };

/** What the HTTP layer knows about a request, for the staff check. */
export interface StaffRequest {
  /** The `Authorization` header, if any. */
  readonly authorization?: string | undefined;
  /** JWT claims set by API Gateway's authorizer (AWS only). */
  readonly claims?: Readonly<Record<string, unknown>> | undefined;
}

/** Identity of an authenticated staff member, recorded as a batch's submitter. */
export interface StaffIdentity {
  readonly subject: string;
}

/**
 * The one staff check. Missing or invalid credentials → 401; a valid identity that is not in the
 * staff group → 403.
 */
export function requireStaff(source: StaffAuthSource, request: StaffRequest): StaffIdentity {
  if (source.kind === 'token') {
    const presented = bearerToken(request.authorization);
    if (!presented) {
      throw new ProblemError('unauthorized', { detail: 'Send a staff bearer token.' });
    }
    if (!constantTimeEqual(presented, source.token)) {
      throw new ProblemError('unauthorized', { detail: 'The staff token is not valid.' });
    }
    return { subject: 'local-staff' };
  }
  const claims = request.claims;
  if (!claims || typeof claims.sub !== 'string') {
    throw new ProblemError('unauthorized', { detail: 'Sign in with a staff account.' });
  }
  if (!groupsOf(claims).includes(source.group)) {
    throw new ProblemError('forbidden', {
      detail: `The account is not in the '${source.group}' group.`,
    });
  }
  return { subject: claims.sub };
}

/** Extracts the token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** Cognito puts groups in `cognito:groups`, as an array or (through API Gateway) a string. */
function groupsOf(claims: Readonly<Record<string, unknown>>): string[] {
  const raw = claims['cognito:groups'];
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === 'string') {
    return raw
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  return [];
}

function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

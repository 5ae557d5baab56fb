/**
 * A problem with the analyst's query or setup that they can fix (bad SQL, a rejected statement,
 * a timeout, an empty lake). The command prints its message without a stack trace and exits 1.
 */
export class QueryError extends Error {
  override name = 'QueryError';
}

/** A statement the sandbox does not run (not a single read statement). */
export class RejectedStatementError extends QueryError {
  override name = 'RejectedStatementError';
}

/** A query stopped because it ran past the session's timeout. */
export class QueryTimeoutError extends QueryError {
  override name = 'QueryTimeoutError';
}

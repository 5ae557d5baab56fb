/**
 * What the feedback functions log through: a structural subset of the shared `Logger`
 * (functions/shared/logger.ts), so the handler passes its logger and tests pass a recorder.
 * Never log an IP address, a comment or an idempotency key.
 */
export interface FeedbackLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Emits a log metric (CloudWatch Embedded Metric Format, namespace `Mirante`). */
  metric(name: string, value: number): void;
}

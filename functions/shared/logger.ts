/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A structured logger: one JSON object per line (CloudWatch Logs Insights reads it as is), or a
 * short human line in local development. Never log client IPs, tokens or comments.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /**
   * Emits a metric as a CloudWatch Embedded Metric Format line (namespace `Mirante`), so a log
   * line becomes a metric that alarms can watch without extra API calls.
   */
  metric(name: string, value: number, dimensions?: Record<string, string>): void;
  /** A logger whose lines carry these fields too (e.g. the request id). */
  child(fields: Record<string, unknown>): Logger;
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  readonly service: string;
  readonly level?: LogLevel;
  /** Human-readable lines instead of JSON (local development). */
  readonly pretty?: boolean;
  /** Where lines go (default: stdout). */
  readonly write?: (line: string) => void;
  readonly fields?: Record<string, unknown>;
}

/** Creates a structured logger. */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const base = { service: options.service, ...(options.fields ?? {}) };

  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    if (options.pretty) {
      const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
      write(`[${options.service}] ${level === 'info' ? '' : `${level}: `}${message}${extra}`);
      return;
    }
    write(
      JSON.stringify({ level, message, timestamp: new Date().toISOString(), ...base, ...fields }),
    );
  };

  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    metric(name, value, dimensions = {}) {
      if (options.pretty) return;
      write(
        JSON.stringify({
          _aws: {
            Timestamp: Date.now(),
            CloudWatchMetrics: [
              {
                Namespace: 'Mirante',
                Dimensions: [['service', ...Object.keys(dimensions)]],
                Metrics: [{ Name: name, Unit: 'Count' }],
              },
            ],
          },
          service: options.service,
          ...dimensions,
          [name]: value,
        }),
      );
    },
    child(fields) {
      return createLogger({ ...options, fields: { ...(options.fields ?? {}), ...fields } });
    },
  };
}

/** A logger that discards everything (tests). */
export const silentLogger: Logger = createLogger({ service: 'silent', write: () => undefined });

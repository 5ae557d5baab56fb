import { availableParallelism, totalmem } from 'node:os';
import { UsageError } from '../args.js';
import { type LakeLocation, localLakeLocation, remoteLakeLocation } from './lake-location.js';
import { s3LocationSchema } from './s3-location.js';

/** Command-line options shared by `mirante query` and `mirante indicators run`. */
export const SESSION_OPTIONS = {
  lake: { type: 'string' },
  'no-sync': { type: 'boolean', default: false },
  timeout: { type: 'string' },
  threads: { type: 'string' },
  'memory-limit': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'max-rows': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Default statement timeout, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** Settings of a session, validated. */
export interface SessionSettings {
  readonly location: LakeLocation;
  readonly sync: boolean;
  readonly timeoutMs: number;
  readonly threads: number;
  readonly memoryLimit: string;
  /** Rows a terminal table shows. */
  readonly maxRows: number;
}

/** Parsed values of {@link SESSION_OPTIONS}. */
export interface SessionOptionValues {
  readonly lake?: string | undefined;
  readonly 'no-sync'?: boolean | undefined;
  readonly timeout?: string | undefined;
  readonly threads?: string | undefined;
  readonly 'memory-limit'?: string | undefined;
  readonly 'max-rows'?: string | undefined;
}

/**
 * Validates the shared options: `--lake s3://bucket/prefix` (default: the local `.mirante/lake/`),
 * `--timeout` seconds (default 60), `--threads` (default: the machine's cores, at most 8),
 * `--memory-limit` (DuckDB size such as `2GB`; default half the RAM, at most 8 GB),
 * `--max-rows` (default 40).
 */
export function sessionSettings(
  values: SessionOptionValues,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): SessionSettings {
  let location = localLakeLocation(cwd);
  if (values.lake !== undefined) {
    const parsed = s3LocationSchema.safeParse(values.lake);
    if (!parsed.success) {
      throw new UsageError(
        `--lake ${values.lake}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
    location = remoteLakeLocation(parsed.data, env);
  }
  const timeout = positive('--timeout', values.timeout, DEFAULT_TIMEOUT_SECONDS);
  const threads = Math.floor(
    positive('--threads', values.threads, Math.min(8, availableParallelism())),
  );
  const maxRows = Math.floor(positive('--max-rows', values['max-rows'], 40));
  const memoryLimit =
    values['memory-limit'] ?? `${Math.floor(Math.min(totalmem() / 2, 8 * 2 ** 30) / 2 ** 20)}MB`;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) {
    throw new UsageError(
      `--memory-limit must be a size such as 2GB or 512MB (got '${memoryLimit}')`,
    );
  }
  return {
    location,
    sync: !values['no-sync'],
    timeoutMs: timeout * 1000,
    threads,
    memoryLimit,
    maxRows,
  };
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${name} must be a positive number (got '${raw}')`);
  }
  return value;
}

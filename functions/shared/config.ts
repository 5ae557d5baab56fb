import { z } from 'zod';

/** Runtime configuration shared by every Mirante function, the local runner and the CLI. */
export interface MiranteConfig {
  /** DynamoDB table holding feedback, counters, watermarks, batches and manifests. */
  readonly tableName: string;
  /** The lake bucket (incoming/, raw/, curated/, published/). */
  readonly lakeBucket: string;
  /** AWS region of the clients. */
  readonly region: string;
  /** The city's IANA time zone; periods (YYYY-MM) are months in this zone. */
  readonly timezone: string;
  /** Length of one feedback export time bucket, in seconds. */
  readonly bucketSeconds: number;
  /** How long after its end a bucket is considered closed (late writes, clock skew), in seconds. */
  readonly bucketGraceSeconds: number;
  /** Days a raw feedback item lives in DynamoDB before its TTL expires it. */
  readonly feedbackTtlDays: number;
  /** Version of the code that computes and publishes, recorded in every receipt. */
  readonly codeVersion: string;
  /** Deployment stage name (`local`, `dev`, `prod`, …). */
  readonly stage: string;
  /** Smallest `min_cell` any indicator may declare on this stage (0-count indicators excepted). */
  readonly minCellFloor: number;
}

const positiveInt = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be positive`)
    .default(fallback);

const envSchema = z.object({
  MIRANTE_TABLE: z.string().min(1).default('mirante'),
  MIRANTE_LAKE_BUCKET: z.string().min(1).default('mirante-lake'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  MIRANTE_TIMEZONE: z
    .string()
    .default('America/Sao_Paulo')
    .refine(
      isValidTimeZone,
      'MIRANTE_TIMEZONE must be an IANA time zone such as America/Sao_Paulo',
    ),
  MIRANTE_BUCKET_SECONDS: positiveInt('MIRANTE_BUCKET_SECONDS', 300),
  MIRANTE_BUCKET_GRACE_SECONDS: z.coerce.number().int().min(0).default(30),
  MIRANTE_FEEDBACK_TTL_DAYS: positiveInt('MIRANTE_FEEDBACK_TTL_DAYS', 90),
  MIRANTE_CODE_VERSION: z.string().min(1).default('0.1.0'),
  MIRANTE_STAGE: z.string().min(1).default('local'),
  MIRANTE_MIN_CELL_FLOOR: z.coerce.number().int().min(1).default(10),
});

/** Thrown when the environment holds an invalid setting; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads Mirante's configuration from an environment object (call only at an edge: a Lambda
 * module's top level, the CLI or `infra/app.ts`). Missing values get the documented defaults.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): MiranteConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => i.message).join('; '));
  }
  const e = parsed.data;
  return {
    tableName: e.MIRANTE_TABLE,
    lakeBucket: e.MIRANTE_LAKE_BUCKET,
    region: e.AWS_REGION,
    timezone: e.MIRANTE_TIMEZONE,
    bucketSeconds: e.MIRANTE_BUCKET_SECONDS,
    bucketGraceSeconds: e.MIRANTE_BUCKET_GRACE_SECONDS,
    feedbackTtlDays: e.MIRANTE_FEEDBACK_TTL_DAYS,
    codeVersion: e.MIRANTE_CODE_VERSION,
    stage: e.MIRANTE_STAGE,
    minCellFloor: e.MIRANTE_MIN_CELL_FLOOR,
  };
}

function isValidTimeZone(tz: string): boolean {
  // The canonical IANA names are checked without building a formatter: the first
  // Intl.DateTimeFormat with a time zone loads ICU's zone data (≈15 ms of every cold start, in
  // functions that never format a date). Aliases (`Brazil/East`) fall through to the formatter.
  if (Intl.supportedValuesOf('timeZone').includes(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

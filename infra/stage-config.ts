import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

/** Deployment stages the CDK app knows. */
export const STAGES = ['dev', 'prod'] as const;

/** One deployment stage's name. */
export type StageName = (typeof STAGES)[number];

const RETENTION_DAYS = Object.values(RetentionDays).filter(
  (v): v is RetentionDays => typeof v === 'number' && v > 0,
);

const wholeNumber = (key: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${key} must be a number (pass -c ${key}=<number>)` })
    .int(`${key} must be a whole number`)
    .min(min, `${key} must be at least ${min}`)
    .max(max, `${key} must be at most ${max}`);

const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

/**
 * The CDK context a deployment reads (`-c key=value` or `cdk.json`), validated in this one place.
 * Values given with `-c` arrive as strings, so numbers are coerced.
 */
export const StageContextSchema = z.object({
  stage: z
    .enum(STAGES, {
      error: (issue) =>
        `stage must be one of ${STAGES.join(', ')} (got ${JSON.stringify(issue.input)}); pass -c stage=dev or -c stage=prod`,
    })
    .default('dev'),
  timezone: z
    .string()
    .default('America/Sao_Paulo')
    .refine(
      isValidTimeZone,
      'timezone must be an IANA time zone such as America/Sao_Paulo (pass -c timezone=…)',
    ),
  codeVersion: z
    .string({
      error: 'codeVersion is required (-c codeVersion=…, MIRANTE_CODE_VERSION or package.json)',
    })
    .regex(/^[\w.+-]{1,64}$/, 'codeVersion must be 1–64 letters, digits, ".", "+", "-" or "_"'),
  bucketSeconds: wholeNumber('bucketSeconds', 60, 3600)
    .refine((s) => 86_400 % s === 0, 'bucketSeconds must divide a day evenly (e.g. 300)')
    .default(300),
  minCellFloor: wholeNumber('minCellFloor', 1, 1000).default(10),
  logRetentionDays: z.coerce
    .number()
    .refine((d) => RETENTION_DAYS.includes(d as RetentionDays), {
      message: `logRetentionDays must be one of CloudWatch's values: ${RETENTION_DAYS.join(', ')}`,
    })
    .optional(),
  noncurrentVersionDays: wholeNumber('noncurrentVersionDays', 1, 365).default(30),
  rawInfrequentAccessDays: wholeNumber('rawInfrequentAccessDays', 30, 3650).default(30),
  allowedOrigins: commaList
    .default(['*'])
    .refine((list) => list.length > 0, 'allowedOrigins must name at least one origin or "*"')
    .refine(
      (list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)),
      'allowedOrigins must be "*" or origins such as https://transparencia.example.gov.br (no path)',
    ),
  apiRateLimit: wholeNumber('apiRateLimit', 1, 10_000).default(50),
  apiBurstLimit: wholeNumber('apiBurstLimit', 1, 5_000).default(100),
});

/** Names of the context keys a deployment reads. */
export const STAGE_CONTEXT_KEYS = Object.keys(StageContextSchema.shape) as ReadonlyArray<
  keyof typeof StageContextSchema.shape
>;

/** A validated deployment configuration; per-stage defaults applied. */
export type StageConfig = Omit<z.output<typeof StageContextSchema>, 'logRetentionDays'> & {
  /** Days every log group keeps its events. */
  readonly logRetentionDays: RetentionDays;
  /** Whether stateful resources are retained and protected from deletion (prod). */
  readonly retainData: boolean;
};

/** Thrown when the CDK context holds an invalid setting; the message names every bad key. */
export class StageConfigError extends Error {
  override name = 'StageConfigError';
}

/**
 * Validates the CDK context of a deployment and applies the stage's defaults: `prod` retains
 * and protects its data and keeps logs a year; `dev` can be torn down and keeps logs a month.
 */
export function parseStageConfig(context: Readonly<Record<string, unknown>>): StageConfig {
  const parsed = StageContextSchema.safeParse(context);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.message}`);
    throw new StageConfigError(`Invalid Mirante CDK context:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const prod = c.stage === 'prod';
  return {
    ...c,
    logRetentionDays:
      (c.logRetentionDays as RetentionDays | undefined) ??
      (prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH),
    retainData: prod,
  };
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

import { isIP } from 'node:net';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { MAX_ORIGIN_VERIFY_VERSION } from '../functions/feedback/origin-verify-value.js';
import { COMPUTE_MEMORY_MB } from './constructs/compute-sizing.js';
import { RAW_FEEDBACK_NONCURRENT_DAYS } from './constructs/lake-lifecycle.js';

/** Deployment stages the CDK app knows. */
export const STAGES = ['dev', 'prod'] as const;

/** One deployment stage's name. */
export type StageName = (typeof STAGES)[number];

/** Days DynamoDB point-in-time recovery keeps (fixed by AWS). */
export const PITR_DAYS = 35;

/** The only region where CloudFront-scope WAF web ACLs and CloudFront certificates live. */
export const CLOUDFRONT_REGION = 'us-east-1';

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

const flag = (key: string) =>
  z
    .union([z.boolean(), z.enum(['true', 'false'])], {
      error: `${key} must be true or false (pass -c ${key}=true)`,
    })
    .transform((v) => v === true || v === 'true');

/** An optional string setting: absent, empty or blank all mean "not set". */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const ACM_ARN = /^arn:aws[\w-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/;
const WEB_ACL_ARN = /^arn:aws[\w-]*:wafv2:([a-z0-9-]+):\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * The CDK context a deployment reads (`-c key=value` or `cdk.json`), validated in this one place.
 * Values given with `-c` arrive as strings, so numbers and flags are coerced.
 */
export const StageContextSchema = z.object({
  stage: z
    .enum(STAGES, {
      error: (issue) =>
        `stage must be one of ${STAGES.join(', ')} (got ${JSON.stringify(issue.input)}); pass -c stage=dev or -c stage=prod`,
    })
    .default('dev'),
  /** The region being deployed to, when known (`-c region=…`, else the CLI's CDK_DEFAULT_REGION). */
  region: optionalText.refine(
    (r) => r === undefined || /^[a-z]{2}(-[a-z]+)+-\d$/.test(r),
    'region must be an AWS region such as sa-east-1 or us-east-1',
  ),
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
  feedbackTtlDays: wholeNumber('feedbackTtlDays', 1, 3650).default(90),
  logRetentionDays: z.coerce
    .number()
    .refine((d) => RETENTION_DAYS.includes(d as RetentionDays), {
      message: `logRetentionDays must be one of CloudWatch's values: ${RETENTION_DAYS.join(', ')}`,
    })
    .optional(),
  noncurrentVersionDays: wholeNumber('noncurrentVersionDays', 1, 365).default(30),
  rawInfrequentAccessDays: wholeNumber('rawInfrequentAccessDays', 30, 3650).default(30),
  rawFeedbackExpireDays: wholeNumber('rawFeedbackExpireDays', 7, 3650).default(30),
  tombstoneExpireDays: wholeNumber('tombstoneExpireDays', 7, 3650).default(60),
  backupRetentionDays: wholeNumber('backupRetentionDays', 7, 3650).default(35),
  allowedOrigins: commaList
    .default(['*'])
    .refine((list) => list.length > 0, 'allowedOrigins must name at least one origin or "*"')
    .refine(
      (list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)),
      'allowedOrigins must be "*" or origins such as https://transparencia.example.gov.br (no path)',
    ),
  trustedNetworks: commaList
    .default([])
    .refine(
      (list) => list.every(isCidr),
      'trustedNetworks must be addresses or CIDR ranges such as 200.10.20.0/24 or 2001:db8::/48, comma-separated',
    ),
  apiRateLimit: wholeNumber('apiRateLimit', 1, 10_000).default(50),
  apiBurstLimit: wholeNumber('apiBurstLimit', 1, 5_000).default(100),
  alarmEmail: optionalText.refine(
    (v) => v === undefined || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
    'alarmEmail must be an e-mail address (pass -c alarmEmail=ops@cidade.gov.br)',
  ),
  monthlyBudgetUsd: wholeNumber('monthlyBudgetUsd', 1, 1_000_000).default(20),
  waf: flag('waf').default(false),
  wafWebAclArn: optionalText.refine(
    (v) => v === undefined || WEB_ACL_ARN.test(v),
    'wafWebAclArn must be the ARN of a CLOUDFRONT-scope WAFv2 web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)',
  ),
  wafRateLimit: wholeNumber('wafRateLimit', 10, 2_000_000_000).default(600),
  domainName: optionalText.refine(
    (v) => v === undefined || HOSTNAME.test(v),
    'domainName must be a lower-case host name such as dados.cidade.gov.br (no scheme, no path)',
  ),
  certificateArn: optionalText.refine(
    (v) => v === undefined || ACM_ARN.test(v),
    'certificateArn must be an ACM certificate ARN (arn:aws:acm:us-east-1:<account>:certificate/<id>)',
  ),
  athenaScanLimitMb: wholeNumber('athenaScanLimitMb', 10, 10_000_000).default(10_240),
  /**
   * Memory of the compute function in MB; its `/tmp` follows (infra/constructs/compute-sizing.ts)
   * and DuckDB's threads and memory limit are derived from it at run time. Raise it before a
   * full rebuild of a large lake (docs/operations.md, "Sizing compute").
   */
  computeMemoryMb: z.coerce
    .number({ error: 'computeMemoryMb must be a number of MB (pass -c computeMemoryMb=6144)' })
    .int('computeMemoryMb must be a whole number of MB')
    .min(
      COMPUTE_MEMORY_MB.min,
      `computeMemoryMb must be at least ${COMPUTE_MEMORY_MB.min}, where Lambda gives one full vCPU: below it DuckDB compute gets a fraction of a core for runs limited to 15 minutes, and a 10M-rating rebuild already peaks at ~1.4 GB (Lambda's own 128 MB floor is no use for DuckDB)`,
    )
    .max(
      COMPUTE_MEMORY_MB.max,
      `computeMemoryMb must be at most ${COMPUTE_MEMORY_MB.max}, Lambda's largest function`,
    )
    .default(COMPUTE_MEMORY_MB.default),
  /**
   * The version of the origin-verify value CloudFront sends to the API (derived from the receipt
   * key: functions/feedback/origin-verify-value.ts). A rotation is a deploy with the next
   * number; the feedback function accepts this version's value and the one before. Keep it in
   * `cdk.json` once raised: a deploy without it goes back to 1 (docs/operations.md).
   */
  originVerifyVersion: wholeNumber('originVerifyVersion', 1, MAX_ORIGIN_VERIFY_VERSION).default(1),
});

/** Names of the context keys a deployment reads. */
export const STAGE_CONTEXT_KEYS = Object.keys(StageContextSchema.shape) as ReadonlyArray<
  keyof typeof StageContextSchema.shape
>;

/** How the CloudFront distribution is protected by AWS WAF. */
export type WafSetting =
  /** No web ACL (the default: a web ACL costs about $6 a month). */
  | { readonly mode: 'off' }
  /** The stack creates a CLOUDFRONT web ACL (only possible in us-east-1). */
  | { readonly mode: 'create'; readonly rateLimit: number }
  /** An existing CLOUDFRONT web ACL, created in us-east-1 by other means. */
  | { readonly mode: 'existing'; readonly webAclArn: string };

/** A custom domain of the CloudFront distribution. */
export interface CustomDomain {
  readonly domainName: string;
  /** An ACM certificate in us-east-1 covering the domain. */
  readonly certificateArn: string;
}

type ParsedContext = z.output<typeof StageContextSchema>;

/** A validated deployment configuration; per-stage defaults applied. */
export type StageConfig = Omit<
  ParsedContext,
  'logRetentionDays' | 'waf' | 'wafWebAclArn' | 'wafRateLimit' | 'domainName' | 'certificateArn'
> & {
  /** Days every log group keeps its events. */
  readonly logRetentionDays: RetentionDays;
  /** Whether stateful resources are retained and protected from deletion (prod). */
  readonly retainData: boolean;
  readonly waf: WafSetting;
  readonly customDomain: CustomDomain | undefined;
};

/** Thrown when the CDK context holds an invalid setting; the message names every bad key. */
export class StageConfigError extends Error {
  override name = 'StageConfigError';
}

/**
 * Validates the CDK context of a deployment and applies the stage's defaults: `prod` retains
 * and protects its data, keeps logs a year and needs an alarm e-mail; `dev` can be torn down
 * and keeps logs a month. Settings that depend on each other are checked together.
 */
export function parseStageConfig(context: Readonly<Record<string, unknown>>): StageConfig {
  const parsed = StageContextSchema.safeParse(context);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((i) => i.message));
  }
  const c = parsed.data;
  const problems = crossFieldProblems(c);
  if (problems.length > 0) throw invalid(problems);
  const prod = c.stage === 'prod';
  const { waf, wafWebAclArn, wafRateLimit, domainName, certificateArn, ...rest } = c;
  return {
    ...rest,
    logRetentionDays:
      (c.logRetentionDays as RetentionDays | undefined) ??
      (prod ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH),
    retainData: prod,
    waf: wafWebAclArn
      ? { mode: 'existing', webAclArn: wafWebAclArn }
      : waf
        ? { mode: 'create', rateLimit: wafRateLimit }
        : { mode: 'off' },
    customDomain: domainName && certificateArn ? { domainName, certificateArn } : undefined,
  };
}

function crossFieldProblems(c: ParsedContext): string[] {
  const problems: string[] = [];
  if (c.stage === 'prod' && !c.alarmEmail) {
    problems.push(
      'alarmEmail is required for the prod stage: alarms nobody receives go unseen (pass -c alarmEmail=ops@cidade.gov.br)',
    );
  }
  if (Boolean(c.domainName) !== Boolean(c.certificateArn)) {
    problems.push(
      'domainName and certificateArn go together: a custom domain needs an ACM certificate in us-east-1 that covers it',
    );
  }
  const certRegion = c.certificateArn ? ACM_ARN.exec(c.certificateArn)?.[1] : undefined;
  if (certRegion && certRegion !== CLOUDFRONT_REGION) {
    problems.push(
      `certificateArn must be a certificate in ${CLOUDFRONT_REGION} (got ${certRegion}): CloudFront only uses ACM certificates from ${CLOUDFRONT_REGION}; request or import it there`,
    );
  }
  const aclRegion = c.wafWebAclArn ? WEB_ACL_ARN.exec(c.wafWebAclArn)?.[1] : undefined;
  if (aclRegion && aclRegion !== CLOUDFRONT_REGION) {
    problems.push(
      `wafWebAclArn must be a CLOUDFRONT-scope web ACL, which lives in ${CLOUDFRONT_REGION} (got ${aclRegion})`,
    );
  }
  if (c.waf && !c.wafWebAclArn && c.region && c.region !== CLOUDFRONT_REGION) {
    problems.push(
      `waf=true creates a CLOUDFRONT-scope web ACL, which AWS only allows in ${CLOUDFRONT_REGION}, but this stack deploys to ${c.region}: deploy to ${CLOUDFRONT_REGION}, or create the web ACL there yourself and pass -c wafWebAclArn=arn:aws:wafv2:${CLOUDFRONT_REGION}:<account>:global/webacl/<name>/<id>`,
    );
  }
  const mustOutlive = Math.max(
    c.rawFeedbackExpireDays + RAW_FEEDBACK_NONCURRENT_DAYS,
    c.backupRetentionDays,
    PITR_DAYS,
  );
  if (c.tombstoneExpireDays < mustOutlive) {
    problems.push(
      `tombstoneExpireDays (${c.tombstoneExpireDays}) must be at least ${mustOutlive}: a lake tombstone must outlive every copy of the rating it erases (raw exports ${c.rawFeedbackExpireDays} days + ${RAW_FEEDBACK_NONCURRENT_DAYS} as an old version, backups ${c.backupRetentionDays} days, point-in-time recovery ${PITR_DAYS} days)`,
    );
  }
  if (c.apiBurstLimit < c.apiRateLimit) {
    problems.push(
      `apiBurstLimit (${c.apiBurstLimit}) must be at least apiRateLimit (${c.apiRateLimit})`,
    );
  }
  return problems;
}

function invalid(lines: readonly string[]): StageConfigError {
  return new StageConfigError(
    `Invalid Mirante CDK context:\n${lines.map((l) => `  - ${l}`).join('\n')}`,
  );
}

function isCidr(value: string): boolean {
  const [ip = '', bits, ...rest] = value.split('/');
  const version = isIP(ip);
  if (rest.length > 0 || version === 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

import { awsClientOptionsFromEnv, createAwsClients } from '../../functions/shared/aws-clients.js';
import { loadConfig } from '../../functions/shared/config.js';
import { createLogger } from '../../functions/shared/logger.js';
import { parseCommandArgs, UsageError } from '../args.js';
import type { CommandContext } from '../command-context.js';
import { localPaths } from '../local-files.js';
import { openLocalStack } from '../local-stack.js';
import { type SeedTarget, seedLocalStack } from '../seed-local-stack.js';

/** Most ratings `--ratings` accepts. */
export const MAX_SEED_RATINGS = 100_000_000;

/** Stages `mirante seed --endpoint` refuses to touch. */
const PRODUCTION_STAGE = /^prod(uction)?$/i;

/**
 * `mirante seed [--ratings N] [--seed N] [--endpoint URL|aws]`: loads the synthetic demo city.
 * By default into the local stack (the running `mirante dev`, or the embedded servers started
 * on `.mirante/data`). `--endpoint` targets another deployment through the DynamoDB and S3 APIs
 * (one URL serving both, e.g. LocalStack, or `aws` for the real AWS endpoints), with the table,
 * bucket and stage of `MIRANTE_TABLE`, `MIRANTE_LAKE_BUCKET` and `MIRANTE_STAGE`; the stage must
 * be set explicitly and must not be production.
 */
export async function runSeed(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(ctx.argv, {
    ratings: { type: 'string' },
    seed: { type: 'string' },
    endpoint: { type: 'string' },
  });
  if (positionals.length > 0) {
    throw new UsageError(`mirante seed takes no arguments (got '${positionals.join(' ')}').`);
  }
  const ratings = wholeNumber('--ratings', values.ratings, 1, MAX_SEED_RATINGS);
  const seed = wholeNumber('--seed', values.seed, 0, 2 ** 32 - 1);
  const logger = createLogger({
    service: 'seed',
    pretty: true,
    level: ctx.env.MIRANTE_LOG_LEVEL === 'debug' ? 'debug' : 'warn',
  });
  const stack = values.endpoint
    ? remoteStack(ctx, values.endpoint)
    : await openLocalStack({ paths: localPaths(`${ctx.cwd}/.mirante`), env: ctx.env });
  try {
    const summary = await seedLocalStack(stack, {
      print: ctx.print,
      logger,
      apiUrl: stack.apiUrl,
      ratings,
      seed,
    });
    return summary.status === 'refused' ? 1 : 0;
  } finally {
    await stack.close();
  }
}

function wholeNumber(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got '${value}'.`);
  }
  return n;
}

/** A deployment reached through its DynamoDB and S3 endpoints (never a production stage). */
function remoteStack(
  ctx: CommandContext,
  endpoint: string,
): SeedTarget & { readonly apiUrl: undefined; close(): Promise<void> } {
  const stage = ctx.env.MIRANTE_STAGE;
  if (!stage) {
    throw new UsageError(
      'With --endpoint, set MIRANTE_STAGE (and MIRANTE_TABLE, MIRANTE_LAKE_BUCKET) to the target stage.',
    );
  }
  if (PRODUCTION_STAGE.test(stage)) {
    throw new UsageError(
      `mirante seed never loads demo data into a production stage ('${stage}').`,
    );
  }
  let url: string | undefined;
  if (endpoint !== 'aws') {
    try {
      url = new URL(endpoint).toString().replace(/\/$/, '');
    } catch {
      throw new UsageError(`--endpoint must be a URL (or 'aws'), got '${endpoint}'.`);
    }
  }
  const config = loadConfig(ctx.env);
  const clients = createAwsClients(
    awsClientOptionsFromEnv({
      ...ctx.env,
      ...(url ? { AWS_ENDPOINT_URL_DYNAMODB: url, AWS_ENDPOINT_URL_S3: url } : {}),
    }),
  );
  return {
    clients,
    config,
    apiUrl: undefined,
    async close() {
      clients.dynamo.destroy();
      clients.s3.destroy();
    },
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedServers, startEmbeddedServers } from '../../cli/embedded-servers.js';
import { localPaths } from '../../cli/local-files.js';
import { type LocalStack, localConfig } from '../../cli/local-stack.js';
import { originVerifyValue } from '../../functions/feedback/origin-verify-value.js';
import { createAwsClients, LOCAL_CREDENTIALS } from '../../functions/shared/aws-clients.js';
import { ensureBucket, ensureTable } from '../../functions/shared/ensure-resources.js';

/** The receipt key of every test stack (the root the origin-verify value derives from). */
export const TEST_RECEIPT_KEY = 'test-receipt-key-0123456789abcdef';

/** The origin-verify version of every test stack (`originVerifyVersion` of secrets.json). */
export const TEST_ORIGIN_VERIFY_VERSION = 1;

/**
 * The origin-verify value of every test stack, derived as on AWS from the receipt key for
 * {@link TEST_ORIGIN_VERIFY_VERSION}: a request carrying it in `X-Mirante-Origin-Verify` stands
 * for one that came through CloudFront, so its `CloudFront-Viewer-Address` is believed; without
 * it the socket's address counts.
 */
export const TEST_ORIGIN_VERIFY = originVerifyValue(TEST_RECEIPT_KEY, TEST_ORIGIN_VERIFY_VERSION);

/** A throwaway local stack for a test file: embedded servers on free ports, temp folders. */
export interface TestStack extends LocalStack {
  readonly servers: EmbeddedServers;
  readonly dir: string;
  /** Stops the S3 server (to inject an outage); `restartS3` brings it back on the same port. */
  stopS3(): Promise<void>;
  restartS3(): Promise<void>;
}

/**
 * Starts dynalite (in memory) and s3rver (temp folder) in this process, creates the table and the
 * lake bucket, and returns clients and a local configuration. Close it in `afterAll`.
 */
export async function startTestStack(
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<TestStack> {
  const dir = await mkdtemp(join(tmpdir(), 'mirante-test-'));
  let servers = await startEmbeddedServers({ s3Dir: join(dir, 's3') });
  const config = localConfig({ MIRANTE_TABLE: 'mirante-test', ...env });
  const s3Port = Number(new URL(servers.endpoints.s3).port);
  const clients = createAwsClients({
    region: config.region,
    dynamodbEndpoint: servers.endpoints.dynamodb,
    s3Endpoint: servers.endpoints.s3,
    credentials: { ...LOCAL_CREDENTIALS },
    maxAttempts: 2,
  });
  await ensureTable(clients.dynamo, config.tableName);
  await ensureBucket(clients.s3, config.lakeBucket);
  const S3rver = (await import('s3rver')).default;
  let s3Restarted: InstanceType<typeof S3rver> | undefined;
  return {
    servers,
    dir,
    clients,
    config,
    endpoints: servers.endpoints,
    secrets: {
      receiptKey: TEST_RECEIPT_KEY,
      ipSalt: 'test-ip-salt',
      originVerifyVersion: TEST_ORIGIN_VERIFY_VERSION,
    },
    paths: localPaths(join(dir, '.mirante')),
    ownsServers: true,
    async stopS3() {
      // Closing the whole embedded pair would stop DynamoDB too; stop only S3.
      await (s3Restarted?.close() ?? stopS3Only(servers));
    },
    async restartS3() {
      s3Restarted = new S3rver({
        address: '127.0.0.1',
        port: s3Port,
        silent: true,
        directory: join(dir, 's3'),
      });
      await s3Restarted.run();
    },
    async close() {
      clients.dynamo.destroy();
      clients.s3.destroy();
      await s3Restarted?.close().catch(() => undefined);
      await servers.close();
      servers = undefined as unknown as EmbeddedServers;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function stopS3Only(servers: EmbeddedServers): Promise<void> {
  await servers.closeS3();
}

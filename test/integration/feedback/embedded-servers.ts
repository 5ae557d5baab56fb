import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import type { FeedbackLogger } from '../../../functions/feedback/feedback-logger.js';
import { GSI1 } from '../../../functions/shared/table-keys.js';

/** Credentials the embedded servers accept. */
export const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** An embedded dynalite with Mirante's table (pk/sk, GSI gsi1) and clients bound to it. */
export interface EmbeddedTable {
  readonly endpoint: string;
  readonly tableName: string;
  readonly dynamo: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** Every item of the table (unmarshalled). */
  scanAll(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** DynamoDB and document clients for an endpoint. */
export function dynamoClients(
  endpoint: string,
  maxAttempts = 3,
): { dynamo: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const dynamo = new DynamoDBClient({
    region: 'us-east-1',
    endpoint,
    credentials: CREDENTIALS,
    maxAttempts,
  });
  const doc = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { dynamo, doc };
}

/** Starts dynalite in memory on a free loopback port and creates the table. */
export async function startEmbeddedTable(
  tableName = 'mirante-feedback-test',
): Promise<EmbeddedTable> {
  const server: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('dynalite has no port');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const { dynamo, doc } = dynamoClients(endpoint);
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({
        AttributeName: name,
        AttributeType: 'S' as const,
      })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: GSI1,
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  return {
    endpoint,
    tableName,
    dynamo,
    doc,
    async scanAll() {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }),
        );
        items.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async close() {
      dynamo.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An embedded s3rver with one (lake) bucket. */
export interface EmbeddedLake {
  readonly s3: S3Client;
  readonly bucket: string;
  close(): Promise<void>;
}

/** Starts s3rver on a free loopback port with a temp folder and the lake bucket. */
export async function startEmbeddedLake(bucket = 'mirante-lake-test'): Promise<EmbeddedLake> {
  const directory = await mkdtemp(join(tmpdir(), 'mirante-feedback-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    s3,
    bucket,
    async close() {
      s3.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A loopback port nothing listens on (to simulate an unreachable service). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A logger that records what it is told. */
export function recordingLogger(): FeedbackLogger & {
  readonly lines: { level: string; message: string; fields?: Record<string, unknown> }[];
  readonly metrics: { name: string; value: number }[];
} {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const metrics: { name: string; value: number }[] = [];
  return {
    lines,
    metrics,
    info: (message, fields) =>
      lines.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
    warn: (message, fields) =>
      lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
    metric: (name, value) => metrics.push({ name, value }),
  };
}

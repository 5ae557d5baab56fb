import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';

/** Endpoints of the embedded DynamoDB and S3 servers. */
export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly s3: string;
}

/** Running embedded servers. */
export interface EmbeddedServers {
  readonly endpoints: LocalEndpoints;
  /** Stops both servers (persisted data stays in the folder). */
  close(): Promise<void>;
  /** Stops only the S3 server (tests use it to inject an outage). */
  closeS3(): Promise<void>;
}

/** Where and how to run the embedded servers. */
export interface EmbeddedServerOptions {
  /** Folder for persisted data; in memory (DynamoDB) and a temp folder (S3) when omitted. */
  readonly dataDir?: string;
  /** S3 files folder when `dataDir` is omitted. */
  readonly s3Dir?: string;
  readonly dynamodbPort?: number;
  readonly s3Port?: number;
}

/**
 * Starts dynalite (DynamoDB API) and s3rver (S3 API) in this process on loopback. Port 0 picks a
 * free port. With `dataDir`, DynamoDB persists under `dataDir/dynamodb` and S3 under `dataDir/s3`.
 */
export async function startEmbeddedServers(
  options: EmbeddedServerOptions = {},
): Promise<EmbeddedServers> {
  const dynamo = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.dataDir ? { path: join(options.dataDir, 'dynamodb') } : {}),
  });
  await listen(dynamo, options.dynamodbPort ?? 0);
  const s3Directory = options.dataDir ? join(options.dataDir, 's3') : options.s3Dir;
  if (!s3Directory) throw new Error('startEmbeddedServers needs dataDir or s3Dir');
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: options.s3Port ?? 0,
    silent: true,
    directory: s3Directory,
  });
  let s3Address: AddressInfo;
  try {
    s3Address = await s3.run();
  } catch (error) {
    await closeServer(dynamo);
    throw error;
  }
  const dynamoAddress = dynamo.address() as AddressInfo;
  let s3Closed: Promise<void> | undefined;
  return {
    endpoints: {
      dynamodb: `http://127.0.0.1:${dynamoAddress.port}`,
      s3: `http://127.0.0.1:${s3Address.port}`,
    },
    async close() {
      await Promise.allSettled([closeServer(dynamo), s3Closed ?? s3.close()]);
    },
    closeS3() {
      s3Closed ??= s3.close();
      return s3Closed;
    },
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

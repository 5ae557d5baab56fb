import { mkdir } from 'node:fs/promises';
import {
  type AwsClients,
  createAwsClients,
  LOCAL_CREDENTIALS,
} from '../functions/shared/aws-clients.js';
import { loadConfig, type MiranteConfig } from '../functions/shared/config.js';
import { ensureBucket, ensureTable } from '../functions/shared/ensure-resources.js';
import {
  type EmbeddedServers,
  type LocalEndpoints,
  startEmbeddedServers,
} from './embedded-servers.js';
import {
  type LocalPaths,
  type LocalSecrets,
  loadOrCreateSecrets,
  readRunningStack,
} from './local-files.js';

/** A connection to the local stack: clients, configuration and secrets. */
export interface LocalStack {
  readonly clients: AwsClients;
  readonly config: MiranteConfig;
  readonly endpoints: LocalEndpoints;
  readonly secrets: LocalSecrets;
  readonly paths: LocalPaths;
  /** True when this process started the embedded servers (and must stop them). */
  readonly ownsServers: boolean;
  /** URL of the running API, when `mirante dev` is up. */
  readonly apiUrl?: string | undefined;
  close(): Promise<void>;
}

/**
 * Local defaults: export buckets of 5 seconds closed 1 second after they end, so a rating posted
 * on a laptop reaches the published figures within a couple of cycles.
 */
export function localConfig(env: Readonly<Record<string, string | undefined>>): MiranteConfig {
  return loadConfig({
    MIRANTE_BUCKET_SECONDS: '5',
    MIRANTE_BUCKET_GRACE_SECONDS: '1',
    ...env,
    MIRANTE_STAGE: env.MIRANTE_STAGE ?? 'local',
  });
}

/** Options of {@link openLocalStack}. */
export interface OpenLocalStackOptions {
  readonly paths: LocalPaths;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Ports for servers this process starts (0 = any free port). */
  readonly dynamodbPort?: number;
  readonly s3Port?: number;
  /** Start servers even if another process records a running stack (tests). */
  readonly forceOwn?: boolean;
}

/**
 * Connects to the running `mirante dev` stack when `.mirante/endpoints.json` names a live one;
 * otherwise starts the embedded servers on `.mirante/data` itself (two processes can't open
 * dynalite's folder) and creates the table and bucket if missing.
 */
export async function openLocalStack(options: OpenLocalStackOptions): Promise<LocalStack> {
  const { paths, env } = options;
  const config = localConfig(env);
  const secrets = await loadOrCreateSecrets(paths);
  const running = options.forceOwn ? undefined : await readRunningStack(paths);
  let servers: EmbeddedServers | undefined;
  let endpoints: LocalEndpoints;
  if (running) {
    endpoints = { dynamodb: running.dynamodb, s3: running.s3 };
  } else {
    await mkdir(paths.data, { recursive: true });
    servers = await startEmbeddedServers({
      dataDir: paths.data,
      dynamodbPort: options.dynamodbPort ?? 0,
      s3Port: options.s3Port ?? 0,
    });
    endpoints = servers.endpoints;
  }
  const clients = createAwsClients({
    region: config.region,
    dynamodbEndpoint: endpoints.dynamodb,
    s3Endpoint: endpoints.s3,
    credentials: { ...LOCAL_CREDENTIALS },
  });
  if (servers) {
    await ensureTable(clients.dynamo, config.tableName);
    await ensureBucket(clients.s3, config.lakeBucket);
  }
  return {
    clients,
    config,
    endpoints,
    secrets,
    paths,
    ownsServers: Boolean(servers),
    apiUrl: running?.api,
    async close() {
      clients.dynamo.destroy();
      clients.s3.destroy();
      await servers?.close();
    },
  };
}

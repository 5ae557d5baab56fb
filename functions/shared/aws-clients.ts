import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The AWS clients every step receives as a parameter. */
export interface AwsClients {
  readonly dynamo: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
}

/** Where the clients connect; endpoints are set only locally (embedded servers). */
export interface AwsClientOptions {
  readonly region: string;
  /** `AWS_ENDPOINT_URL_DYNAMODB` locally; unset on AWS. */
  readonly dynamodbEndpoint?: string | undefined;
  /** `AWS_ENDPOINT_URL_S3` locally; unset on AWS. */
  readonly s3Endpoint?: string | undefined;
  /** Static credentials for the embedded servers (s3rver accepts only `S3RVER`/`S3RVER`). */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Attempts per call before the SDK gives up (default 3). */
  readonly maxAttempts?: number | undefined;
}

/** Credentials the embedded DynamoDB and S3 servers accept. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Creates the DynamoDB, DynamoDB document and S3 clients. With an S3 endpoint (the embedded
 * server) it uses path-style addressing and computes checksums only when required, which the
 * embedded server needs to store streamed bodies intact.
 */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  const common = {
    region: options.region,
    maxAttempts: options.maxAttempts ?? 3,
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const dynamo = new DynamoDBClient({
    ...common,
    ...(options.dynamodbEndpoint ? { endpoint: options.dynamodbEndpoint } : {}),
  });
  const doc = DynamoDBDocumentClient.from(dynamo, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const s3 = new S3Client({
    ...common,
    ...(options.s3Endpoint
      ? {
          endpoint: options.s3Endpoint,
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
  return { dynamo, doc, s3 };
}

/** Reads the client options from an environment object (edges only). */
export function awsClientOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): AwsClientOptions {
  const local = Boolean(env.AWS_ENDPOINT_URL_DYNAMODB || env.AWS_ENDPOINT_URL_S3);
  return {
    region: env.AWS_REGION ?? 'us-east-1',
    dynamodbEndpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
    s3Endpoint: env.AWS_ENDPOINT_URL_S3,
    credentials: local && !env.AWS_ACCESS_KEY_ID ? { ...LOCAL_CREDENTIALS } : undefined,
  };
}

import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ProblemError } from '../shared/problem.js';
import { asUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from './aws-unavailable.js';

/** Items per BatchWriteItem call (DynamoDB's limit). */
export const BATCH_WRITE_SIZE = 25;
/** Keys per BatchGetItem call (DynamoDB's limit). */
export const BATCH_GET_SIZE = 100;

/** Retry and parallelism of batch calls. */
export interface BatchOptions {
  /** Waits between retries of unprocessed items (injectable for tests). */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Calls per chunk before giving up (default 10). */
  readonly maxAttempts?: number | undefined;
  /** First backoff delay in ms, doubled per attempt (default 25), capped (default 2,000). */
  readonly baseDelayMs?: number | undefined;
  readonly maxDelayMs?: number | undefined;
  /** Chunks in flight at once (default 4). */
  readonly concurrency?: number | undefined;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with jitter: between half and all of `base · 2^attempt`, capped. */
export function backoffDelayMs(attempt: number, options: BatchOptions = {}): number {
  const ceiling = Math.min(options.maxDelayMs ?? 2000, (options.baseDelayMs ?? 25) * 2 ** attempt);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/**
 * Puts items with BatchWriteItem in chunks of 25, several chunks at once, retrying each chunk's
 * `UnprocessedItems` with exponential backoff. Items still unprocessed after the last attempt,
 * or DynamoDB unreachable → 503 `unavailable` (items already written stay written: they are
 * keyed deterministically, so the client's retry finds them as duplicates).
 */
export async function batchPutItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  options: BatchOptions = {},
): Promise<void> {
  await forEachChunk(items, BATCH_WRITE_SIZE, options, async (chunk) => {
    let requests: NonNullable<BatchWriteCommandOutput['UnprocessedItems']> = {
      [tableName]: chunk.map((Item) => ({ PutRequest: { Item } })),
    };
    for (let attempt = 0; ; attempt++) {
      const out = await send(() => doc.send(new BatchWriteCommand({ RequestItems: requests })));
      const left = out.UnprocessedItems?.[tableName];
      if (!left || left.length === 0) return;
      requests = { [tableName]: left };
      await retryPause(attempt, options);
    }
  });
}

/**
 * Reads items by key with consistent BatchGetItem calls in chunks of 100, retrying
 * `UnprocessedKeys` with backoff; returns the items found (in no particular order).
 */
export async function batchGetItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  projection: readonly string[],
  options: BatchOptions = {},
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const names = Object.fromEntries(projection.map((p, i) => [`#p${i}`, p]));
  await forEachChunk(keys, BATCH_GET_SIZE, options, async (chunk) => {
    let requests: NonNullable<BatchGetCommandOutput['UnprocessedKeys']> = {
      [tableName]: {
        Keys: [...chunk],
        ConsistentRead: true,
        ProjectionExpression: Object.keys(names).join(', '),
        ExpressionAttributeNames: names,
      },
    };
    for (let attempt = 0; ; attempt++) {
      const out = await send(() => doc.send(new BatchGetCommand({ RequestItems: requests })));
      found.push(...(out.Responses?.[tableName] ?? []));
      const left = out.UnprocessedKeys?.[tableName];
      if (!left?.Keys || left.Keys.length === 0) return;
      requests = { [tableName]: left };
      await retryPause(attempt, options);
    }
  });
  return found;
}

async function send<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asUnavailable(error);
  }
}

async function retryPause(attempt: number, options: BatchOptions): Promise<void> {
  if (attempt + 1 >= (options.maxAttempts ?? 10)) {
    throw new ProblemError('unavailable', {
      detail: 'The rating store is busy. Retry the same batch: stored rows count as duplicates.',
      retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
  }
  await (options.sleep ?? defaultSleep)(backoffDelayMs(attempt, options));
}

async function forEachChunk<T>(
  values: readonly T[],
  size: number,
  options: BatchOptions,
  run: (chunk: readonly T[]) => Promise<void>,
): Promise<void> {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < chunks.length) {
      try {
        await run(chunks[next++]!);
      } catch (error) {
        failed = true; // stop the other workers from starting new chunks
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, chunks.length));
  await Promise.all(Array.from({ length: workers }, worker));
}

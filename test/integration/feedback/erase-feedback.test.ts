import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EraseFeedbackDeps,
  eraseFeedback,
} from '../../../functions/feedback/erase-feedback.js';
import { feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import { createRateLimiter } from '../../../functions/feedback/rate-limiter.js';
import { receiptOf } from '../../../functions/feedback/receipt.js';
import {
  type SubmitFeedbackDeps,
  submitFeedback,
} from '../../../functions/feedback/submit-feedback.js';
import { rawTombstoneKey } from '../../../functions/shared/lake-layout.js';
import { ProblemError } from '../../../functions/shared/problem.js';
import {
  feedbackKey,
  tombstoneIndexKey,
  tombstoneKey,
} from '../../../functions/shared/table-keys.js';
import {
  CREDENTIALS,
  closedPort,
  type EmbeddedLake,
  type EmbeddedTable,
  recordingLogger,
  startEmbeddedLake,
  startEmbeddedTable,
} from './embedded-servers.js';

const SECRETS = { receiptKey: 'receipt-key-for-erasure-tests' };
const NOW = new Date('2025-03-14T12:30:00.000Z');
const ERASED_AT = new Date('2025-03-20T08:00:00.000Z');
const lakeIds = new Set<string>();

let table: EmbeddedTable;
let lake: EmbeddedLake;
let submitDeps: SubmitFeedbackDeps;
let deps: EraseFeedbackDeps;

beforeAll(async () => {
  [table, lake] = await Promise.all([startEmbeddedTable(), startEmbeddedLake()]);
  submitDeps = {
    doc: table.doc,
    config: {
      tableName: table.tableName,
      bucketSeconds: 60,
      feedbackTtlDays: 90,
      timezone: 'America/Sao_Paulo',
    },
    secrets: SECRETS,
    now: () => NOW,
    serviceExists: async () => true,
    limiter: createRateLimiter({
      doc: table.doc,
      tableName: table.tableName,
      ipSalt: 's',
      trustedNetworks: ['0.0.0.0/0'],
    }),
    logger: recordingLogger(),
  };
  deps = {
    doc: table.doc,
    s3: lake.s3,
    config: { tableName: table.tableName, lakeBucket: lake.bucket },
    secrets: SECRETS,
    now: () => ERASED_AT,
    existsInLake: async (id) => lakeIds.has(id),
    logger: recordingLogger(),
  };
});
afterAll(async () => Promise.all([table.close(), lake.close()]));

async function rate(key: string) {
  const out = await submitFeedback(submitDeps, {
    feedback: {
      serviceId: 'iptu-2-via',
      rating: 2,
      outcome: 'failed',
      channel: 'app',
      comment: 'demorou',
    },
    idempotencyKey: key,
    clientIp: '192.0.2.1',
  });
  return out.body;
}

async function kindOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return (error as ProblemError).kind;
}

const itemAt = async (id: string) =>
  (await table.scanAll()).find((i) => i.pk === feedbackKey(id).pk);
const tombstoneAt = async (id: string) =>
  (await table.scanAll()).find((i) => i.pk === tombstoneKey(id).pk);
async function lakeTombstone(id: string): Promise<unknown> {
  const out = await lake.s3.send(
    new GetObjectCommand({ Bucket: lake.bucket, Key: rawTombstoneKey(id) }),
  );
  return JSON.parse(await out.Body!.transformToString());
}

describe('eraseFeedback', () => {
  it('erases with the right receipt: content gone, tombstone item and lake object written', async () => {
    const { id, receipt } = await rate('erase-me');
    await expect(eraseFeedback(deps, id, receipt)).resolves.toBeUndefined();

    const marker = await itemAt(id);
    expect(marker).toEqual({ ...feedbackKey(id), id, deleted_at: ERASED_AT.toISOString() });
    expect(await tombstoneAt(id)).toEqual({
      ...tombstoneKey(id),
      ...tombstoneIndexKey(ERASED_AT.toISOString(), id),
      id,
      deleted_at: ERASED_AT.toISOString(),
    });
    expect(await lakeTombstone(id)).toEqual({ id, deleted_at: ERASED_AT.toISOString() });
  });

  it('answers the same 404 for a wrong receipt, an unknown id and a second delete', async () => {
    const { id, receipt } = await rate('erase-twice');
    expect(await kindOf(eraseFeedback(deps, id, receiptOf('another-key', id)))).toBe('not-found');
    expect(await kindOf(eraseFeedback(deps, id, ''))).toBe('not-found');
    expect(await kindOf(eraseFeedback(deps, id, undefined))).toBe('not-found');
    expect(await kindOf(eraseFeedback(deps, 'not-an-id', receipt))).toBe('not-found');
    expect((await itemAt(id))?.service_id).toBe('iptu-2-via'); // untouched

    const unknown = feedbackIdOf('public', 'never-sent');
    expect(await kindOf(eraseFeedback(deps, unknown, receiptOf(SECRETS.receiptKey, unknown)))).toBe(
      'not-found',
    );
    expect(await tombstoneAt(unknown)).toBeUndefined();

    await eraseFeedback(deps, id, receipt);
    expect(await kindOf(eraseFeedback(deps, id, receipt))).toBe('not-found');
  });

  it('keeps a replay of an erased rating’s key from storing it again (410)', async () => {
    const { id, receipt } = await rate('erase-then-replay');
    await eraseFeedback(deps, id, receipt);
    expect(await kindOf(rate('erase-then-replay'))).toBe('feedback-erased');
    expect((await itemAt(id))?.service_id).toBeUndefined();
  });

  it('erases a rating whose DynamoDB item expired and that only the lake holds', async () => {
    const { id, receipt } = await rate('expired');
    await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: feedbackKey(id) })); // TTL
    expect(await kindOf(eraseFeedback(deps, id, receipt))).toBe('not-found'); // not in the lake yet
    lakeIds.add(id);
    await eraseFeedback(deps, id, receipt);
    expect(await tombstoneAt(id)).toBeDefined();
    expect(await lakeTombstone(id)).toEqual({ id, deleted_at: ERASED_AT.toISOString() });
    // The expired rating's key can't bring it back either.
    expect(await kindOf(rate('expired'))).toBe('feedback-erased');
  });

  it('answers 204 to exactly one of several concurrent erasures', async () => {
    const { id, receipt } = await rate('erase-concurrently');
    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, () => eraseFeedback(deps, id, receipt)),
    );
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const s of settled) {
      if (s.status === 'rejected') expect((s.reason as ProblemError).kind).toBe('not-found');
    }
  });

  it('completes an erasure interrupted after the marker was written', async () => {
    const { id, receipt } = await rate('interrupted');
    const unreachableS3 = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${await closedPort()}`,
      credentials: CREDENTIALS,
      forcePathStyle: true,
      maxAttempts: 1,
    });
    const broken = { ...deps, s3: unreachableS3 };
    expect(await kindOf(eraseFeedback(broken, id, receipt))).toBe('unavailable');
    expect((await itemAt(id))?.deleted_at).toBeDefined(); // content already gone
    expect(await tombstoneAt(id)).toBeUndefined();
    await eraseFeedback(deps, id, receipt); // the citizen retries
    expect(await tombstoneAt(id)).toBeDefined();
    expect(await lakeTombstone(id)).toEqual({ id, deleted_at: ERASED_AT.toISOString() });
  });
});

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_ITEM_ATTRIBUTES } from '../../../functions/feedback/feedback-item.js';
import type { FeedbackRequest } from '../../../functions/feedback/feedback-schema.js';
import {
  clientHashOf,
  createRateLimiter,
  FEEDBACK_RATE_LIMIT,
} from '../../../functions/feedback/rate-limiter.js';
import { receiptOf } from '../../../functions/feedback/receipt.js';
import {
  HONEYPOT_METRIC,
  type SubmitFeedbackDeps,
  submitFeedback,
} from '../../../functions/feedback/submit-feedback.js';
import { ProblemError } from '../../../functions/shared/problem.js';
import { feedbackKey, rateCounterKey } from '../../../functions/shared/table-keys.js';
import { bucketIdOf } from '../../../functions/shared/time-bucket.js';
import { type EmbeddedTable, recordingLogger, startEmbeddedTable } from './embedded-servers.js';

const SECRETS = { receiptKey: 'receipt-key-for-tests' };
const SERVICES = new Set(['iptu-2-via', 'matricula-escolar']);
const NOW = new Date('2025-03-14T12:30:15.250Z');
const BODY: FeedbackRequest = {
  serviceId: 'iptu-2-via',
  rating: 4,
  outcome: 'completed',
  channel: 'web',
  region: 'barreiro',
  reason: 'time',
  comment: 'Meu CPF 529.982.247-25 e e-mail maria@example.com, tel (31) 99876-5432.',
};

let table: EmbeddedTable;
let deps: SubmitFeedbackDeps & { logger: ReturnType<typeof recordingLogger> };

beforeAll(async () => {
  table = await startEmbeddedTable();
  deps = {
    doc: table.doc,
    config: {
      tableName: table.tableName,
      bucketSeconds: 60,
      feedbackTtlDays: 90,
      timezone: 'America/Sao_Paulo',
    },
    secrets: SECRETS,
    now: () => NOW,
    serviceExists: async (id) => SERVICES.has(id),
    limiter: createRateLimiter({
      doc: table.doc,
      tableName: table.tableName,
      ipSalt: 'salt',
      limits: { perClientPerMinute: 100_000, perServicePerMinute: 100_000 },
    }),
    logger: recordingLogger(),
  };
});
afterAll(async () => table.close());

const feedbackItems = async () =>
  (await table.scanAll()).filter((i) => String(i.pk).startsWith('FEEDBACK#'));

async function problemOf(promise: Promise<unknown>): Promise<ProblemError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return error as ProblemError;
}

describe('submitFeedback', () => {
  it('stores one item holding only the listed attributes, with the comment scrubbed', async () => {
    const out = await submitFeedback(deps, {
      feedback: BODY,
      idempotencyKey: 'key-attributes',
      clientIp: '198.51.100.7',
    });
    expect(out.replayed).toBe(false);
    expect(out.body.id).toMatch(/^[a-z2-7]{26}$/);
    expect(out.body.receipt).toBe(receiptOf(SECRETS.receiptKey, out.body.id));
    expect(out.body.receivedAt).toBe(NOW.toISOString());

    const items = await feedbackItems();
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(Object.keys(item).sort()).toEqual([...FEEDBACK_ITEM_ATTRIBUTES].sort());
    expect(item).toMatchObject({
      ...feedbackKey(out.body.id),
      gsi1pk: `FEEDBACKDAY#20250314`,
      gsi1sk: `${bucketIdOf(NOW, 60)}#${out.body.id}`,
      id: out.body.id,
      service_id: 'iptu-2-via',
      rating: 4,
      outcome: 'completed',
      channel: 'web',
      region: 'barreiro',
      reason: 'time',
      comment: 'Meu CPF [cpf] e e-mail [email], tel [phone].',
      received_at: NOW.toISOString(),
      collected_at: NOW.toISOString(),
      ttl: Math.floor(NOW.getTime() / 1000) + 90 * 86_400,
    });
    expect(item.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // Nothing in the table holds the client's address or the raw identifiers.
    const everything = JSON.stringify(await table.scanAll());
    for (const secret of ['198.51.100.7', '529.982.247-25', 'maria@example.com', '99876-5432']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('leaves optional fields unset instead of storing nulls', async () => {
    const out = await submitFeedback(deps, {
      feedback: {
        serviceId: 'iptu-2-via',
        rating: 1,
        outcome: 'gave_up',
        channel: 'app',
        comment: '  ',
      },
      idempotencyKey: 'key-minimal',
      clientIp: undefined,
    });
    const item = (await feedbackItems()).find((i) => i.id === out.body.id)!;
    expect(Object.keys(item)).not.toContain('region');
    expect(Object.keys(item)).not.toContain('reason');
    expect(Object.keys(item)).not.toContain('comment');
  });

  it('replays the same key and body with the same id, receipt and time', async () => {
    const first = await submitFeedback(deps, {
      feedback: BODY,
      idempotencyKey: 'key-replay',
      clientIp: '10.0.0.1',
    });
    const later = { ...deps, now: () => new Date(NOW.getTime() + 5_000) };
    // Same content, other key order: the same request.
    const reordered = Object.fromEntries(Object.entries(BODY).reverse()) as FeedbackRequest;
    const again = await submitFeedback(later, {
      feedback: reordered,
      idempotencyKey: 'key-replay',
      clientIp: '10.0.0.2',
    });
    expect(again).toEqual({ body: first.body, replayed: true });
  });

  it('answers 422 when the key comes back with another body', async () => {
    await submitFeedback(deps, {
      feedback: BODY,
      idempotencyKey: 'key-reused',
      clientIp: '10.0.0.1',
    });
    const problem = await problemOf(
      submitFeedback(deps, {
        feedback: { ...BODY, rating: 5 },
        idempotencyKey: 'key-reused',
        clientIp: '10.0.0.1',
      }),
    );
    expect(problem.kind).toBe('idempotency-key-reused');
    expect(problem.status).toBe(422);
  });

  it('stores exactly one item for 100 concurrent identical requests', async () => {
    const before = (await feedbackItems()).length;
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        submitFeedback(deps, {
          feedback: BODY,
          idempotencyKey: 'key-concurrent',
          clientIp: '10.0.0.3',
        }),
      ),
    );
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await feedbackItems()).length).toBe(before + 1);
  });

  it('lets exactly one of 20 concurrent different bodies under one key win', async () => {
    const before = (await feedbackItems()).length;
    const settled = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        submitFeedback(deps, {
          feedback: { ...BODY, comment: `versão ${i}` },
          idempotencyKey: 'key-race',
          clientIp: '10.0.0.4',
        }),
      ),
    );
    const won = settled.filter((s) => s.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const s of settled) {
      if (s.status === 'rejected')
        expect((s.reason as ProblemError).kind).toBe('idempotency-key-reused');
    }
    expect((await feedbackItems()).length).toBe(before + 1);
  });

  it('answers a filled honeypot like a success, stores and counts nothing, logs the metric', async () => {
    const before = await table.scanAll();
    const out = await submitFeedback(deps, {
      feedback: { ...BODY, website: 'http://spam.example' },
      idempotencyKey: 'key-honeypot',
      clientIp: '10.0.0.5',
    });
    expect(out.body.id).toMatch(/^[a-z2-7]{26}$/);
    expect(out.body.receipt).toBe(receiptOf(SECRETS.receiptKey, out.body.id));
    expect(await table.scanAll()).toEqual(before); // no item, no rate counter
    expect(deps.logger.metrics).toContainEqual({ name: HONEYPOT_METRIC, value: 1 });
  });

  it('treats an empty honeypot as a normal rating', async () => {
    const out = await submitFeedback(deps, {
      feedback: { ...BODY, website: '' },
      idempotencyKey: 'key-empty-honeypot',
      clientIp: '10.0.0.5',
    });
    expect((await feedbackItems()).some((i) => i.id === out.body.id)).toBe(true);
  });

  it('answers 422 unknown-service for a service outside the catalogue', async () => {
    const problem = await problemOf(
      submitFeedback(deps, {
        feedback: { ...BODY, serviceId: 'no-such-service' },
        idempotencyKey: 'key-unknown',
        clientIp: '10.0.0.6',
      }),
    );
    expect(problem.kind).toBe('unknown-service');
    expect(problem.options.errors).toEqual([{ pointer: '/serviceId', detail: 'unknown service' }]);
    // Refused before the limiter: no counter was written for this client.
    const counter = await table.doc.send(
      new GetCommand({
        TableName: table.tableName,
        Key: rateCounterKey(
          clientHashOf('salt', '10.0.0.6', NOW),
          FEEDBACK_RATE_LIMIT,
          '2025-03-14T12:30Z',
        ),
      }),
    );
    expect(counter.Item).toBeUndefined();
  });
});

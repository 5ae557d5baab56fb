import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import { FEEDBACK_ITEM_ATTRIBUTES } from '../../../functions/feedback/feedback-item.js';
import {
  type ImportFeedbackBatchDeps,
  importFeedbackBatch,
} from '../../../functions/feedback/import-feedback-batch.js';
import { ProblemError } from '../../../functions/shared/problem.js';
import { type EmbeddedTable, recordingLogger, startEmbeddedTable } from './embedded-servers.js';

const NOW = new Date('2025-03-14T12:00:00.000Z');
const SERVICES = new Set(['iptu-2-via', 'matricula-escolar', 'alvara']);
let table: EmbeddedTable;
let deps: ImportFeedbackBatchDeps;
const sleeps: number[] = [];

beforeAll(async () => {
  table = await startEmbeddedTable();
  deps = {
    doc: table.doc,
    config: { tableName: table.tableName, bucketSeconds: 60, feedbackTtlDays: 90 },
    now: () => NOW,
    serviceExists: async (id) => SERVICES.has(id),
    logger: recordingLogger(),
    batch: { sleep: async (ms) => void sleeps.push(ms) },
  };
});
afterAll(async () => table.close());

const json = (rows: unknown) => ({
  contentType: 'application/json',
  body: new TextEncoder().encode(JSON.stringify(rows)),
});
const row = (i: number, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: `kiosk-7-${i}`,
  collectedAt: '2025-03-10T09:15:00-03:00',
  serviceId: [...SERVICES][i % 3],
  rating: (i % 5) + 1,
  outcome: 'completed',
  channel: 'telecentro',
  region: 'venda-nova',
  ...extra,
});
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

/** A document client whose BatchWriteItem leaves part of each of its first `faults` calls unprocessed. */
function flakyClient(faults: number) {
  const client = DynamoDBDocumentClient.from(table.dynamo);
  const realSend = client.send.bind(client);
  const calls = { batchWrites: 0, faults: 0 };
  client.send = (async (command: Parameters<typeof realSend>[0]) => {
    if (!(command instanceof BatchWriteCommand)) return realSend(command);
    calls.batchWrites++;
    if (calls.faults >= faults) return realSend(command);
    calls.faults++;
    const [tableName, requests] = Object.entries(command.input.RequestItems ?? {})[0]!;
    const half = Math.ceil(requests.length / 2);
    await realSend(
      new BatchWriteCommand({ RequestItems: { [tableName]: requests.slice(0, half) } }),
    );
    return { UnprocessedItems: { [tableName]: requests.slice(half) }, $metadata: {} };
  }) as typeof client.send;
  return { client, calls };
}

describe('importFeedbackBatch', () => {
  it('stores 60 JSON rows in chunks of 25, then counts a resend as duplicates', async () => {
    const { client, calls } = flakyClient(0);
    const rows = Array.from({ length: 60 }, (_, i) => row(i));
    const first = await importFeedbackBatch({ ...deps, doc: client }, json(rows));
    expect(first).toEqual({ accepted: 60, duplicates: 0, rejected: [] });
    expect(calls.batchWrites).toBe(3);

    const items = await feedbackItems();
    expect(items).toHaveLength(60);
    const item = items.find((i) => i.id === feedbackIdOf('import', 'kiosk-7-0'))!;
    expect(
      Object.keys(item).every((k) => (FEEDBACK_ITEM_ATTRIBUTES as readonly string[]).includes(k)),
    ).toBe(true);
    expect(item).toMatchObject({
      collected_at: '2025-03-10T12:15:00.000Z',
      received_at: NOW.toISOString(),
      channel: 'telecentro',
      service_id: 'iptu-2-via',
    });

    const again = await importFeedbackBatch(deps, json(rows));
    expect(again).toEqual({ accepted: 0, duplicates: 60, rejected: [] });
    expect(await feedbackItems()).toHaveLength(60);
  });

  it('reports rejected rows with their numbers and reasons, storing the valid ones', async () => {
    const rows = [
      row(100),
      row(101, { rating: 7 }),
      row(102, { comment: 'x'.repeat(1251) }),
      row(103, { collectedAt: '2025-03-15T12:00:00Z' }),
      row(104, { collectedAt: '2023-01-01T00:00:00Z' }),
      row(105, { serviceId: 'no-such-service' }),
      row(100),
      row(100, { rating: 4 }),
      42,
      row(106, { comment: 'email joao@example.org' }),
      row(0, { rating: 4 }), // key stored by the previous test with other content
    ];
    const before = (await feedbackItems()).length;
    const out = await importFeedbackBatch(deps, json(rows));
    expect(out.accepted).toBe(2);
    expect(out.duplicates).toBe(1);
    expect(out.rejected.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 8, 9, 11]);
    const pointers = Object.fromEntries(
      out.rejected.map((r) => [r.row, r.errors.map((e) => e.pointer)]),
    );
    expect(pointers).toEqual({
      2: ['/rating'],
      3: ['/comment'],
      4: ['/collectedAt'],
      5: ['/collectedAt'],
      6: ['/serviceId'],
      8: ['/idempotencyKey'],
      9: [''],
      11: ['/idempotencyKey'],
    });
    expect((await feedbackItems()).length).toBe(before + 2);
    const scrubbed = (await feedbackItems()).find(
      (i) => i.id === feedbackIdOf('import', 'kiosk-7-106'),
    );
    expect(scrubbed?.comment).toBe('email [email]');
  });

  it('rejects unknown properties, __proto__ included, per row', async () => {
    const body = `[${JSON.stringify(row(200))}, {"__proto__": {"x": 1}, ${JSON.stringify(row(201)).slice(1)}]`;
    const out = await importFeedbackBatch(deps, {
      contentType: 'application/json',
      body: new TextEncoder().encode(body),
    });
    expect(out.accepted).toBe(1);
    expect(out.rejected).toEqual([
      { row: 2, errors: [{ pointer: '/__proto__', detail: 'unknown property' }] },
    ]);
  });

  it('accepts old rows with allowHistory (the demo seed)', async () => {
    const old = row(300, { collectedAt: '2019-06-01T10:00:00Z' });
    expect((await importFeedbackBatch(deps, json([old]))).rejected).toHaveLength(1);
    expect(await importFeedbackBatch(deps, { ...json([old]), allowHistory: true })).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [],
    });
  });

  it('reads CSV (semicolons, quotes, empty optional cells, a short record)', async () => {
    const csv = [
      '\uFEFFidempotencyKey;collectedAt;serviceId;rating;outcome;channel;region;reason;comment',
      'csv-1;2025-03-12T10:00:00Z;alvara;5;completed;in_person;;time;"Ótimo; rápido, e fácil"',
      'csv-2;2025-03-12T10:05:00Z;alvara;2.5;failed;phone;norte;;',
      'csv-3;2025-03-12T10:10:00Z;alvara;3;gave_up;phone;oeste;;"linha 1',
      'linha 2 cpf 52998224725"',
      'csv-4;2025-03-12T10:15:00Z;alvara',
      '',
    ].join('\r\n');
    const out = await importFeedbackBatch(deps, {
      contentType: 'text/csv; charset=utf-8',
      body: new TextEncoder().encode(csv),
    });
    expect(out.accepted).toBe(2);
    expect(out.rejected.map((r) => [r.row, r.errors[0]!.pointer])).toEqual([
      [2, '/rating'],
      [4, ''],
    ]);
    const items = await feedbackItems();
    const first = items.find((i) => i.id === feedbackIdOf('import', 'csv-1'))!;
    expect(first.comment).toBe('Ótimo; rápido, e fácil');
    expect(first).not.toHaveProperty('region');
    expect(items.find((i) => i.id === feedbackIdOf('import', 'csv-3'))?.comment).toBe(
      'linha 1\r\nlinha 2 cpf [cpf]',
    );
  });

  it('refuses a CSV header with unknown or missing columns', async () => {
    const problem = await problemOf(
      importFeedbackBatch(deps, {
        contentType: 'text/csv',
        body: 'idempotencyKey,collectedAt,serviceId,rating,outcome,cpf\nk,2025-03-12T10:00:00Z,alvara,5,completed,1\n',
      }),
    );
    expect(problem.kind).toBe('validation');
    expect(problem.options.errors?.map((e) => e.detail)).toEqual([
      'unknown column "cpf"',
      'missing column "channel"',
    ]);
  });

  it('retries UnprocessedItems with backoff until every row is stored', async () => {
    const { client, calls } = flakyClient(3);
    sleeps.length = 0;
    const rows = Array.from({ length: 50 }, (_, i) => row(400 + i));
    const out = await importFeedbackBatch(
      { ...deps, doc: client, batch: { ...deps.batch, concurrency: 1 } },
      json(rows),
    );
    expect(out).toEqual({ accepted: 50, duplicates: 0, rejected: [] });
    expect(calls.faults).toBe(3);
    expect(calls.batchWrites).toBe(5); // 2 chunks + 3 retries
    expect(sleeps).toHaveLength(3);
    expect(sleeps.every((ms) => ms > 0 && ms <= 2000)).toBe(true);
    const ids = new Set((await feedbackItems()).map((i) => i.id));
    for (let i = 400; i < 450; i++)
      expect(ids.has(feedbackIdOf('import', `kiosk-7-${i}`))).toBe(true);
  });

  it('answers 503 when items stay unprocessed, and a resend completes the batch without doubling', async () => {
    const { client } = flakyClient(1_000);
    const rows = Array.from({ length: 30 }, (_, i) => row(500 + i));
    const problem = await problemOf(
      importFeedbackBatch(
        { ...deps, doc: client, batch: { ...deps.batch, maxAttempts: 3 } },
        json(rows),
      ),
    );
    expect(problem.kind).toBe('unavailable');
    expect(problem.options.retryAfter).toBeGreaterThan(0);
    const out = await importFeedbackBatch(deps, json(rows));
    expect(out.accepted + out.duplicates).toBe(30);
    expect(out.duplicates).toBeGreaterThan(0);
    const stored = (await feedbackItems()).filter((i) =>
      rows.some((r) => feedbackIdOf('import', r.idempotencyKey) === i.id),
    );
    expect(stored).toHaveLength(30);
  });

  it('refuses bad bodies as a whole', async () => {
    const kind = async (input: Parameters<typeof importFeedbackBatch>[1]) =>
      (await problemOf(importFeedbackBatch(deps, input))).kind;
    expect(await kind({ contentType: 'text/plain', body: '[]' })).toBe('unsupported-media-type');
    expect(await kind(json({ rows: [] }))).toBe('validation');
    expect(await kind(json([]))).toBe('validation');
    expect(await kind({ contentType: 'application/json', body: '[{"a":' })).toBe('invalid-json');
    expect(
      await kind({ contentType: 'application/json', body: new Uint8Array([0x5b, 0xff, 0x5d]) }),
    ).toBe('invalid-encoding');
    expect(await kind(json(Array.from({ length: 10_001 }, () => 0)))).toBe('payload-too-large');
    expect(
      await kind({ contentType: 'application/json', body: new Uint8Array(5 * 1024 * 1024 + 1) }),
    ).toBe('payload-too-large');
  });
});

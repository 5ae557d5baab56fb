import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import { receiptOf } from '../../../functions/feedback/receipt.js';
import { rawTombstoneKey } from '../../../functions/shared/lake-layout.js';
import {
  expectProblem,
  type FeedbackHttpHarness,
  FULL_BODY,
  jsonHeaders,
  startFeedbackHttp,
} from './feedback-http-harness.js';

let h: FeedbackHttpHarness;
let baseUrl: string;

beforeAll(async () => {
  h = await startFeedbackHttp();
  baseUrl = await h.serve();
});
afterAll(async () => h?.close());

async function rate(key: string): Promise<{ id: string; receipt: string }> {
  const res = await h.app.request('/v1/feedback', {
    method: 'POST',
    headers: jsonHeaders(key),
    body: JSON.stringify(FULL_BODY),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; receipt: string };
}

const erase = (id: string, authorization?: string) =>
  h.app.request(`/v1/feedback/${id}`, {
    method: 'DELETE',
    headers: authorization === undefined ? {} : { authorization },
  });

const itemAt = async (id: string) => (await h.feedbackItems()).find((i) => i.id === id);

describe('DELETE /v1/feedback/{id}', () => {
  it('erases with the receipt (204), then answers 404 to a second delete', async () => {
    const { id, receipt } = await rate('erase-me');
    const res = await erase(id, `Bearer ${receipt}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');

    const marker = await itemAt(id);
    expect(marker).toBeDefined();
    expect(Object.keys(marker ?? {}).sort()).toEqual(['deleted_at', 'id', 'pk', 'sk']);
    const tombstone = await h.stack.clients.s3.send(
      new GetObjectCommand({ Bucket: h.stack.config.lakeBucket, Key: rawTombstoneKey(id) }),
    );
    expect(JSON.parse((await tombstone.Body?.transformToString()) ?? '')).toMatchObject({ id });

    await expectProblem(await erase(id, `Bearer ${receipt}`), 404, 'not-found');
  });

  it('answers the same 404 for a wrong, missing or malformed receipt, leaving the rating', async () => {
    const { id, receipt } = await rate('erase-wrong');
    const wrong = [
      `Bearer ${receiptOf('another-secret', id)}`,
      `Bearer ${receipt.slice(0, -1)}`,
      `Bearer ${receipt}x`,
      `Basic ${receipt}`,
      'Bearer',
      undefined,
    ];
    const details = new Set<string | undefined>();
    for (const authorization of wrong) {
      const problem = await expectProblem(await erase(id, authorization), 404, 'not-found');
      details.add(problem.detail);
    }
    expect(details.size).toBe(1); // nothing tells the cases apart
    expect((await itemAt(id))?.service_id).toBe(FULL_BODY.serviceId);
  });

  it('answers 404 for an unknown id (with its valid receipt) and a malformed id', async () => {
    const unknown = feedbackIdOf('public', 'never-sent');
    const receipt = receiptOf(h.stack.secrets.receiptKey, unknown);
    const a = await expectProblem(await erase(unknown, `Bearer ${receipt}`), 404, 'not-found');
    const b = await expectProblem(
      await erase('..%2F..%2Fetc', `Bearer ${receipt}`),
      404,
      'not-found',
    );
    expect(a.detail).toBe(b.detail);
  });

  it('keeps a replay of the erased rating’s key from storing it again (410)', async () => {
    const { id, receipt } = await rate('erase-then-replay');
    expect((await erase(id, `Bearer ${receipt}`)).status).toBe(204);
    const replay = await h.app.request('/v1/feedback', {
      method: 'POST',
      headers: jsonHeaders('erase-then-replay'),
      body: JSON.stringify(FULL_BODY),
    });
    await expectProblem(replay, 410, 'feedback-erased');
    expect((await itemAt(id))?.service_id).toBeUndefined();
  });

  it('works over real HTTP: 204, then 404', async () => {
    const { id, receipt } = await rate('erase-http');
    const send = () =>
      fetch(`${baseUrl}/v1/feedback/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${receipt}` },
      });
    expect((await send()).status).toBe(204);
    await expectProblem(await send(), 404, 'not-found');
  });
});

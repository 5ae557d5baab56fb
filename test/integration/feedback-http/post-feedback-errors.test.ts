import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectProblem,
  type FeedbackHttpHarness,
  jsonHeaders,
  MINIMAL_BODY,
  pointersOf,
  startFeedbackHttp,
} from './feedback-http-harness.js';

/** One bad request and the problem it must get. */
interface BadRequestCase {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly body: string | Uint8Array<ArrayBuffer>;
  readonly status: number;
  readonly kind: string;
  /** Field pointers that must be among the problem's `errors`. */
  readonly pointers?: readonly string[];
}

const json = (value: unknown) => JSON.stringify(value);
let keyCounter = 0;
const key = () => `err-${Date.now()}-${keyCounter++}`;
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const cases = (): BadRequestCase[] => [
  {
    name: 'text/plain content type',
    headers: jsonHeaders(key(), { 'content-type': 'text/plain' }),
    body: json(MINIMAL_BODY),
    status: 415,
    kind: 'unsupported-media-type',
  },
  {
    name: 'form-encoded content type',
    headers: jsonHeaders(key(), { 'content-type': 'application/x-www-form-urlencoded' }),
    body: 'serviceId=iptu-2-via&rating=5',
    status: 415,
    kind: 'unsupported-media-type',
  },
  {
    name: 'JSON in another charset',
    headers: jsonHeaders(key(), { 'content-type': 'application/json; charset=iso-8859-1' }),
    body: json(MINIMAL_BODY),
    status: 415,
    kind: 'unsupported-media-type',
  },
  {
    name: 'malformed JSON',
    headers: jsonHeaders(key()),
    body: '{"serviceId": "iptu-2-via", "rating": 5,',
    status: 400,
    kind: 'invalid-json',
  },
  {
    name: 'an empty body',
    headers: jsonHeaders(key()),
    body: '',
    status: 400,
    kind: 'invalid-json',
  },
  {
    name: 'a JSON array',
    headers: jsonHeaders(key()),
    body: json([MINIMAL_BODY]),
    status: 400,
    kind: 'validation',
    pointers: [''],
  },
  {
    name: 'a JSON string',
    headers: jsonHeaders(key()),
    body: json('five stars'),
    status: 400,
    kind: 'validation',
    pointers: [''],
  },
  {
    name: 'JSON null',
    headers: jsonHeaders(key()),
    body: 'null',
    status: 400,
    kind: 'validation',
    pointers: [''],
  },
  {
    name: 'a body over 16 KB',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, comment: 'a'.repeat(17 * 1024) }),
    status: 413,
    kind: 'payload-too-large',
  },
  {
    name: 'a missing required field',
    headers: jsonHeaders(key()),
    body: json({ serviceId: 'iptu-2-via', outcome: 'completed', channel: 'web' }),
    status: 400,
    kind: 'validation',
    pointers: ['/rating'],
  },
  {
    name: 'every required field missing',
    headers: jsonHeaders(key()),
    body: '{}',
    status: 400,
    kind: 'validation',
    pointers: ['/serviceId', '/rating', '/outcome', '/channel'],
  },
  {
    name: 'a rating sent as a string',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, rating: '5' }),
    status: 400,
    kind: 'validation',
    pointers: ['/rating'],
  },
  {
    name: 'a serviceId sent as a number',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, serviceId: 42 }),
    status: 400,
    kind: 'validation',
    pointers: ['/serviceId'],
  },
  {
    name: 'a rating of 6',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, rating: 6 }),
    status: 400,
    kind: 'validation',
    pointers: ['/rating'],
  },
  {
    name: 'a rating of 0',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, rating: 0 }),
    status: 400,
    kind: 'validation',
    pointers: ['/rating'],
  },
  {
    name: 'a rating of 4.5',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, rating: 4.5 }),
    status: 400,
    kind: 'validation',
    pointers: ['/rating'],
  },
  {
    name: 'a rating of 1e400 (Infinity once parsed)',
    headers: jsonHeaders(key()),
    body: '{"serviceId":"iptu-2-via","rating":1e400,"outcome":"completed","channel":"web"}',
    status: 400,
    kind: 'validation',
    pointers: ['/rating'],
  },
  {
    name: 'an unknown outcome',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, outcome: 'done' }),
    status: 400,
    kind: 'validation',
    pointers: ['/outcome'],
  },
  {
    name: 'an unknown channel',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, channel: 'fax' }),
    status: 400,
    kind: 'validation',
    pointers: ['/channel'],
  },
  {
    name: 'an unknown region',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, region: 'contagem' }),
    status: 400,
    kind: 'validation',
    pointers: ['/region'],
  },
  {
    name: 'an unknown reason',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, reason: 'price' }),
    status: 400,
    kind: 'validation',
    pointers: ['/reason'],
  },
  {
    name: 'an unknown property',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, name: 'Maria' }),
    status: 400,
    kind: 'validation',
    pointers: ['/name'],
  },
  {
    name: 'a __proto__ property',
    headers: jsonHeaders(key()),
    body: '{"serviceId":"iptu-2-via","rating":5,"outcome":"completed","channel":"web","__proto__":{"isAdmin":true}}',
    status: 400,
    kind: 'validation',
    pointers: ['/__proto__'],
  },
  {
    name: 'a constructor property',
    headers: jsonHeaders(key()),
    body: '{"serviceId":"iptu-2-via","rating":5,"outcome":"completed","channel":"web","constructor":{"prototype":{}}}',
    status: 400,
    kind: 'validation',
    pointers: ['/constructor'],
  },
  {
    name: 'a comment of 1,251 characters',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, comment: 'é'.repeat(1251) }),
    status: 400,
    kind: 'validation',
    pointers: ['/comment'],
  },
  {
    name: 'a comment with a control character',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, comment: 'ok\u0007' }),
    status: 400,
    kind: 'validation',
    pointers: ['/comment'],
  },
  {
    name: 'a missing Idempotency-Key',
    headers: jsonHeaders(undefined),
    body: json(MINIMAL_BODY),
    status: 400,
    kind: 'missing-idempotency-key',
    pointers: ['/headers/idempotency-key'],
  },
  {
    name: 'an empty Idempotency-Key',
    headers: jsonHeaders(''),
    body: json(MINIMAL_BODY),
    status: 400,
    kind: 'missing-idempotency-key',
    pointers: ['/headers/idempotency-key'],
  },
  {
    name: 'an Idempotency-Key of 256 characters',
    headers: jsonHeaders('k'.repeat(256)),
    body: json(MINIMAL_BODY),
    status: 400,
    kind: 'missing-idempotency-key',
    pointers: ['/headers/idempotency-key'],
  },
  {
    name: 'an Idempotency-Key with a space inside',
    headers: jsonHeaders('two words'),
    body: json(MINIMAL_BODY),
    status: 400,
    kind: 'missing-idempotency-key',
    pointers: ['/headers/idempotency-key'],
  },
  {
    name: 'an unknown service',
    headers: jsonHeaders(key()),
    body: json({ ...MINIMAL_BODY, serviceId: 'no-such-service' }),
    status: 422,
    kind: 'unknown-service',
    pointers: ['/serviceId'],
  },
  {
    name: 'arrays nested 21 deep',
    headers: jsonHeaders(key()),
    body: `{"serviceId":${nested(21)}}`,
    status: 400,
    kind: 'nesting-too-deep',
  },
  {
    name: 'arrays nested 5,000 deep (unbalanced, not even JSON)',
    headers: jsonHeaders(key()),
    body: '['.repeat(5000),
    status: 400,
    kind: 'nesting-too-deep',
  },
  {
    name: 'invalid UTF-8 in the comment',
    headers: jsonHeaders(key()),
    body: Buffer.concat([
      Buffer.from(
        '{"serviceId":"iptu-2-via","rating":5,"outcome":"completed","channel":"web","comment":"',
      ),
      Buffer.from([0x63, 0xe3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]),
    status: 400,
    kind: 'invalid-encoding',
  },
  {
    name: 'an overlong UTF-8 encoding of "/"',
    headers: jsonHeaders(key()),
    body: Buffer.concat([
      Buffer.from('{"serviceId":"iptu-2-via'),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from('","rating":5,"outcome":"completed","channel":"web"}'),
    ]),
    status: 400,
    kind: 'invalid-encoding',
  },
];

let h: FeedbackHttpHarness;
let baseUrl: string;

beforeAll(async () => {
  h = await startFeedbackHttp();
  baseUrl = await h.serve();
});
afterAll(async () => h?.close());

type Send = (c: BadRequestCase) => Promise<Response>;

const transports: [string, Send][] = [
  [
    'app.request',
    (c) =>
      Promise.resolve(
        h.app.request('/v1/feedback', { method: 'POST', headers: c.headers, body: c.body }),
      ),
  ],
  [
    'HTTP',
    (c) => fetch(`${baseUrl}/v1/feedback`, { method: 'POST', headers: c.headers, body: c.body }),
  ],
];

describe.each(transports)('POST /v1/feedback refuses bad input (%s)', (_, send) => {
  it.each(cases().map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const problem = await expectProblem(await send(c), c.status, c.kind);
    for (const pointer of c.pointers ?? []) expect(pointersOf(problem)).toContain(pointer);
    for (const error of problem.errors ?? []) {
      expect(typeof error.detail).toBe('string');
      expect(error).not.toHaveProperty('value'); // input values are never echoed
    }
    expect(problem.instance).toBe('/v1/feedback');
  });
});

describe('after every refused request', () => {
  it('nothing is stored', async () => {
    expect(await h.feedbackItems()).toEqual([]);
  });

  it('the unknown-property error names the key without echoing its value', async () => {
    const res = await h.app.request('/v1/feedback', {
      method: 'POST',
      headers: jsonHeaders(key()),
      body: json({ ...MINIMAL_BODY, cpf: '529.982.247-25' }),
    });
    const text = await res.clone().text();
    expect(text).not.toContain('529.982.247-25');
    const problem = await expectProblem(res, 400, 'validation');
    expect(problem.errors).toEqual([{ pointer: '/cpf', detail: 'unknown property' }]);
  });
});

/** A body streaming `megabytes` MB in 1 MB chunks (chunked transfer, no Content-Length). */
function endlessBody(megabytes: number) {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(1024 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled++ >= megabytes) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

describe('an oversized upload over HTTP', () => {
  it('gets 413 after the first bytes, without the server reading all of it', async () => {
    const { stream, state } = endlessBody(512);
    const started = performance.now();
    const res = await fetch(`${baseUrl}/v1/feedback`, {
      method: 'POST',
      headers: jsonHeaders(key()),
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, 'payload-too-large');
    expect(state.pulled).toBeLessThan(128); // far from the 512 MB offered
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('with a Content-Length over the limit gets 413 too', async () => {
    const res = await fetch(`${baseUrl}/v1/feedback`, {
      method: 'POST',
      headers: jsonHeaders(key()),
      body: new Uint8Array(8 * 1024 * 1024).fill(0x20),
    });
    await expectProblem(res, 413, 'payload-too-large');
  });
});

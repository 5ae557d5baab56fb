import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import {
  CHANNELS,
  OUTCOMES,
  REASONS,
  REGIONS,
} from '../../../functions/feedback/feedback-schema.js';
import { PROBLEM_BASE } from '../../../functions/shared/problem.js';
import { type FeedbackHttpHarness, SERVICES, startFeedbackHttp } from './feedback-http-harness.js';

/** Runs of the property (the issue asks for at least 1,000). */
const RUNS = 1_000;

let h: FeedbackHttpHarness;
beforeAll(async () => {
  h = await startFeedbackHttp();
});
afterAll(async () => h?.close());

const charFrom = (min: number, max: number, except: readonly number[] = []) =>
  fc
    .integer({ min, max })
    .filter((c) => !except.includes(c))
    .map((c) => String.fromCharCode(c));
/** Characters a `Headers` value may hold (Latin-1 without NUL, CR and LF). */
const headerChar = charFrom(0x01, 0xff, [0x0a, 0x0d]);
const headerValue = (maxLength: number) => fc.string({ unit: headerChar, maxLength });
const jsonValue = fc.jsonValue({ maxDepth: 4 });

// A small pool makes keys collide: replays, bodies reused under a key, honeypots on stored keys.
const keyPool = Array.from({ length: 12 }, (_, i) => `pool-key-${i}`);
const idempotencyKey = fc.oneof(
  { arbitrary: fc.constantFrom(...keyPool), weight: 5 },
  { arbitrary: fc.uuid(), weight: 5 },
  { arbitrary: fc.string({ unit: charFrom(0x21, 0x7e), minLength: 1, maxLength: 300 }), weight: 1 },
  { arbitrary: headerValue(40), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 14 },
  {
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'Application/JSON;charset="UTF-8"',
      'application/json; charset=iso-8859-1',
      'text/plain',
      'text/csv',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/problem+json',
      'application/json-patch+json',
      '',
    ),
    weight: 2,
  },
  { arbitrary: headerValue(60), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

/** Other request headers, with arbitrary values. */
const otherHeaders = fc.dictionary(
  fc.constantFrom(
    'authorization',
    'accept',
    'accept-language',
    'content-encoding',
    'cookie',
    'origin',
    'x-forwarded-for',
    'x-request-id',
    'x-amzn-trace-id',
  ),
  headerValue(80),
  { maxKeys: 3 },
);

const viewerAddress = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: fc.ipV4().map((ip) => `${ip}:443`), weight: 1 },
  { arbitrary: fc.ipV6().map((ip) => `${ip}:51000`), weight: 1 },
  { arbitrary: headerValue(60), weight: 1 },
);

const goodComment = fc.oneof(
  fc.string({ maxLength: 80, unit: 'grapheme' }),
  fc.constantFrom(
    'CPF 529.982.247-25, tel (31) 99876-5432',
    'maria@example.com CEP 30130-010',
    '   ',
  ),
);

/** Valid ratings (usually 201): every field drawn from its domain. */
const validRecord = fc.record(
  {
    serviceId: fc.constantFrom(...SERVICES),
    rating: fc.integer({ min: 1, max: 5 }),
    outcome: fc.constantFrom(...OUTCOMES),
    channel: fc.constantFrom(...CHANNELS),
    region: fc.constantFrom(...REGIONS),
    reason: fc.constantFrom(...REASONS),
    comment: goodComment,
    website: fc.oneof(
      { arbitrary: fc.constant(''), weight: 8 },
      { arbitrary: fc.constantFrom('http://spam.example', ' x '), weight: 1 },
    ),
  },
  { requiredKeys: ['serviceId', 'rating', 'outcome', 'channel'] },
);

/** Near-valid ratings: each field may take a wrong value; unknown keys may be added. */
const hostileRecord = fc.record(
  {
    serviceId: fc.oneof(
      fc.constantFrom(...SERVICES, 'unknown-service', '', 'x'.repeat(65), '../etc', 'IPTU 2 VIA'),
      jsonValue,
    ),
    rating: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double(), fc.constantFrom('5', null)),
    outcome: fc.oneof(fc.constantFrom(...OUTCOMES, 'done', 'COMPLETED'), jsonValue),
    channel: fc.oneof(fc.constantFrom(...CHANNELS, 'fax'), jsonValue),
    region: fc.oneof(fc.constantFrom(...REGIONS, 'contagem', null), jsonValue),
    reason: fc.oneof(fc.constantFrom(...REASONS, 'price'), jsonValue),
    comment: fc.oneof(
      goodComment,
      fc.string({ minLength: 1240, maxLength: 1300, unit: 'grapheme-ascii' }),
      fc.string({ maxLength: 40, unit: 'binary' }),
      jsonValue,
    ),
    website: fc.oneof(fc.constantFrom('', 'spam'), jsonValue),
    ['__proto__']: jsonValue,
    constructor: jsonValue,
    ' serviceId': jsonValue,
    extra: jsonValue,
  },
  { requiredKeys: [] },
);

/** A request body: JSON text or bytes. */
type Body = string | Uint8Array<ArrayBuffer>;

const mutatedText = fc
  .tuple(validRecord, fc.nat(), fc.constantFrom('truncate', 'insert', 'byte', 'bom', 'wrap'))
  .chain(([record, at, how]) => {
    const text = JSON.stringify(record);
    const i = at % (text.length + 1);
    if (how === 'truncate') return fc.constant<Body>(text.slice(0, i));
    if (how === 'insert') {
      return fc
        .string({ maxLength: 3, unit: 'binary' })
        .map((s): Body => text.slice(0, i) + s + text.slice(i));
    }
    if (how === 'bom') return fc.constant<Body>(`\uFEFF${text}`);
    if (how === 'wrap') return fc.constantFrom<Body>(`[${text}]`, `{"a":${text}}`);
    return fc.integer({ min: 0x80, max: 0xff }).map((byte): Body => {
      const bytes = new TextEncoder().encode(text);
      const out = new Uint8Array(bytes.length + 1);
      out.set(bytes.subarray(0, i));
      out[i] = byte;
      out.set(bytes.subarray(i), i + 1);
      return out;
    });
  });

const body: fc.Arbitrary<Body> = fc.oneof(
  { arbitrary: validRecord.map((o) => JSON.stringify(o)), weight: 10 },
  { arbitrary: hostileRecord.map((o) => JSON.stringify(o)), weight: 5 },
  { arbitrary: mutatedText, weight: 3 },
  { arbitrary: jsonValue.map((v) => JSON.stringify(v)), weight: 2 },
  { arbitrary: fc.string({ maxLength: 200, unit: 'binary' }), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => new Uint8Array(a)), weight: 1 },
  {
    arbitrary: fc
      .integer({ min: 15, max: 3000 })
      .map((depth) => `{"serviceId":${'['.repeat(depth)}${']'.repeat(depth)}}`),
    weight: 1,
  },
  {
    arbitrary: fc
      .integer({ min: 16 * 1024 - 200, max: 20 * 1024 })
      .map((n) => JSON.stringify({ serviceId: SERVICES[0], comment: 'a'.repeat(n) })),
    weight: 1,
  },
);

/** Whether a body is a JSON object whose honeypot is filled (a success that stores nothing). */
function isFilledHoneypot(b: Body): boolean {
  try {
    const text = typeof b === 'string' ? b : new TextDecoder('utf-8', { fatal: true }).decode(b);
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    const website = (value as Record<string, unknown>).website;
    return typeof website === 'string' && website.trim() !== '';
  } catch {
    return false;
  }
}

describe('POST /v1/feedback under arbitrary input (property)', () => {
  it(`answers 201 or a 4xx problem, never a 5xx, and stores one item per key answered 201 (${RUNS} runs)`, async () => {
    /** Key → the 201 answer that stored it. */
    const stored = new Map<string, string>();
    const statuses = new Map<number, number>();
    const kinds = new Set<string>();
    let runs = 0;

    await fc.assert(
      fc.asyncProperty(
        body,
        contentType,
        idempotencyKey,
        viewerAddress,
        otherHeaders,
        async (b, type, key, viewer, others) => {
          runs++;
          const headers = new Headers(others);
          if (type !== undefined) headers.set('content-type', type);
          if (key !== undefined) headers.set('idempotency-key', key);
          if (viewer !== undefined) headers.set('cloudfront-viewer-address', viewer);
          const res = await h.app.request('/v1/feedback', { method: 'POST', headers, body: b });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);

          if (res.status === 201) {
            const sentKey = headers.get('idempotency-key') ?? '';
            const created = JSON.parse(text) as { id: string; receipt: string; receivedAt: string };
            expect(created.id).toBe(feedbackIdOf('public', sentKey));
            expect(res.headers.get('location')).toBe(`/v1/feedback/${created.id}`);
            if (isFilledHoneypot(b)) return;
            const earlier = stored.get(sentKey);
            if (earlier !== undefined)
              expect(text).toBe(earlier); // a replay: the same answer
            else stored.set(sentKey, text);
            return;
          }
          expect(res.status, text).toBeGreaterThanOrEqual(400);
          expect(res.status, text).toBeLessThan(500);
          expect(res.status, 'limits are raised for this test').not.toBe(429);
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(text) as { type: string; status: number; title: string };
          expect(problem.type.startsWith(PROBLEM_BASE)).toBe(true);
          expect(problem.status).toBe(res.status);
          expect(typeof problem.title).toBe('string');
          if (res.status === 409) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          kinds.add(problem.type.slice(PROBLEM_BASE.length));
        },
      ),
      { numRuns: RUNS },
    );

    const items = await h.feedbackItems();
    expect(items).toHaveLength(stored.size);
    expect(new Set(items.map((i) => i.id))).toEqual(
      new Set([...stored.keys()].map((k) => feedbackIdOf('public', k))),
    );

    console.log(
      `feedback property: ${runs} runs; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `${stored.size} distinct keys stored; problem types: ${[...kinds].sort().join(', ')}`,
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
    // The generators reach both sides: stored ratings and many classes of refusal.
    expect(stored.size).toBeGreaterThan(50);
    for (const kind of [
      'validation',
      'invalid-json',
      'unsupported-media-type',
      'missing-idempotency-key',
      'idempotency-key-reused',
      'nesting-too-deep',
      'payload-too-large',
      'invalid-encoding',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
  }, 300_000);
});

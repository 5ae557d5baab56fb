import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedbackRequestSchema } from '../../../functions/feedback/feedback-schema.js';
import {
  FEEDBACK_MAX_BODY_BYTES,
  parseFeedbackRequest,
  type RawFeedbackRequest,
} from '../../../functions/feedback/parse-feedback-request.js';
import { ProblemError } from '../../../functions/shared/problem.js';

const VALID = { serviceId: 'iptu-2-via', rating: 5, outcome: 'completed', channel: 'web' };
const request = (
  body: unknown,
  overrides: Partial<RawFeedbackRequest> = {},
): RawFeedbackRequest => ({
  contentType: 'application/json',
  body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
  idempotencyKey: '2c1f4a8e-5b7d-4c3e-9f10-3a2b1c0d9e8f',
  ...overrides,
});

function problemOf(raw: RawFeedbackRequest): ProblemError {
  try {
    parseFeedbackRequest(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ProblemError);
    return error as ProblemError;
  }
  throw new Error('expected a problem');
}

describe('parseFeedbackRequest', () => {
  it('accepts a valid request, also with charset and every optional field', () => {
    expect(parseFeedbackRequest(request(VALID))).toEqual({
      feedback: VALID,
      idempotencyKey: '2c1f4a8e-5b7d-4c3e-9f10-3a2b1c0d9e8f',
    });
    const full = {
      ...VALID,
      region: 'venda-nova',
      reason: 'ease_of_use',
      comment: 'ótimo 👍',
      website: '',
    };
    expect(
      parseFeedbackRequest(request(full, { contentType: 'Application/JSON; charset=UTF-8' }))
        .feedback,
    ).toEqual(full);
  });

  it.each([
    ['text/plain', 415, 'unsupported-media-type'],
    [undefined, 415, 'unsupported-media-type'],
    ['application/json; charset=latin1', 415, 'unsupported-media-type'],
    ['application/jsonx', 415, 'unsupported-media-type'],
  ])('refuses content type %s', (contentType, status, kind) => {
    const p = problemOf(request(VALID, { contentType }));
    expect([p.status, p.kind]).toEqual([status, kind]);
  });

  it('refuses a body over 16 KB with 413 and accepts one at the limit', () => {
    const padded = (n: number) => `${JSON.stringify(VALID).slice(0, -1)}${' '.repeat(n)}}`;
    const atLimit = padded(FEEDBACK_MAX_BODY_BYTES - JSON.stringify(VALID).length);
    expect(new TextEncoder().encode(atLimit).length).toBe(FEEDBACK_MAX_BODY_BYTES);
    expect(parseFeedbackRequest(request(atLimit)).feedback).toEqual(VALID);
    expect(problemOf(request(`${atLimit} `)).status).toBe(413);
  });

  it('refuses invalid UTF-8, malformed JSON, non-objects and deep nesting with 400', () => {
    const invalidUtf8 = {
      ...request(VALID),
      body: new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    };
    expect(problemOf(invalidUtf8).kind).toBe('invalid-encoding');
    expect(problemOf(request('{"rating": 5,')).kind).toBe('invalid-json');
    expect(problemOf(request('')).kind).toBe('invalid-json');
    for (const body of ['[]', '"text"', '42', 'null', 'true']) {
      const p = problemOf(request(body));
      expect([p.kind, p.options.errors]).toEqual([
        'validation',
        [{ pointer: '', detail: 'must be an object' }],
      ]);
    }
    const deep = `{"comment": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect(problemOf(request(deep)).kind).toBe('nesting-too-deep');
    // Brackets inside strings don't count.
    expect(
      parseFeedbackRequest(request({ ...VALID, comment: '[[[[[[[[[[[[[[[[[[[[[[[[' })).feedback
        .comment,
    ).toBe('[[[[[[[[[[[[[[[[[[[[[[[[');
  });

  it.each([
    [{ ...VALID, rating: 0 }, '/rating'],
    [{ ...VALID, rating: 6 }, '/rating'],
    [{ ...VALID, rating: 4.5 }, '/rating'],
    [{ ...VALID, rating: '5' }, '/rating'],
    [{ ...VALID, outcome: 'done' }, '/outcome'],
    [{ ...VALID, channel: 'fax' }, '/channel'],
    [{ ...VALID, region: 'Barreiro' }, '/region'],
    [{ ...VALID, reason: 'price' }, '/reason'],
    [{ ...VALID, serviceId: '' }, '/serviceId'],
    [{ ...VALID, serviceId: 'x'.repeat(65) }, '/serviceId'],
    [{ ...VALID, serviceId: 'iptu 2 via' }, '/serviceId'],
    [{ ...VALID, comment: 'é'.repeat(1251) }, '/comment'],
    [{ ...VALID, comment: 'nul\u0000' }, '/comment'],
    [{ ...VALID, website: 42 }, '/website'],
    [{ ...VALID, extra: 1 }, '/extra'],
    [{ rating: 5, outcome: 'completed', channel: 'web' }, '/serviceId'],
  ])('refuses %j with a field error at its pointer', (body, pointer) => {
    const p = problemOf(request(body));
    expect(p.kind).toBe('validation');
    expect(p.status).toBe(400);
    expect(p.options.errors?.map((e) => e.pointer)).toContain(pointer);
  });

  it('counts comment length in characters: 1,250 emoji pass', () => {
    const comment = '👍'.repeat(1250);
    expect(parseFeedbackRequest(request({ ...VALID, comment })).feedback.comment).toBe(comment);
  });

  it('refuses a lone surrogate in the comment', () => {
    expect(
      problemOf(
        request(
          `{"serviceId":"a","rating":1,"outcome":"failed","channel":"app","comment":"\\ud800"}`,
        ),
      ).kind,
    ).toBe('validation');
  });

  it('refuses __proto__ and constructor properties from JSON.parse', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const body = `{"${name}": {"rating": 1}, ${JSON.stringify(VALID).slice(1)}`;
      const p = problemOf(request(body));
      expect(p.options.errors).toEqual([{ pointer: `/${name}`, detail: 'unknown property' }]);
    }
    // The schema alone too.
    expect(
      feedbackRequestSchema.safeParse(
        JSON.parse(`{"__proto__": {}, ${JSON.stringify(VALID).slice(1)}`),
      ).success,
    ).toBe(false);
  });

  it.each([
    [undefined, 'required'],
    ['', 'required'],
    ['a'.repeat(256), 'at most 255'],
    ['has space', 'visible ASCII'],
    ['chave-é', 'visible ASCII'],
    ['tab\there', 'visible ASCII'],
  ])('refuses Idempotency-Key %j with 400', (idempotencyKey, detail) => {
    const p = problemOf(request(VALID, { idempotencyKey }));
    expect([p.status, p.kind]).toEqual([400, 'missing-idempotency-key']);
    expect(p.options.errors?.[0]?.detail).toContain(detail);
  });

  it('accepts a 255-character key and the quoted structured-field form', () => {
    expect(
      parseFeedbackRequest(request(VALID, { idempotencyKey: '~'.repeat(255) })).idempotencyKey,
    ).toHaveLength(255);
    expect(parseFeedbackRequest(request(VALID, { idempotencyKey: '"abc"' })).idempotencyKey).toBe(
      '"abc"',
    );
  });

  it('property: any input gives valid input or a 4xx ProblemError, never anything else', () => {
    const jsonValue = fc.jsonValue({ maxDepth: 4 });
    const validRecord = fc.record(
      {
        serviceId: fc.constantFrom('iptu-2-via', 'a', 'x.y_z-1'),
        rating: fc.integer({ min: 1, max: 5 }),
        outcome: fc.constantFrom('completed', 'not_eligible', 'failed', 'gave_up'),
        channel: fc.constantFrom('web', 'app', 'telecentro', 'phone', 'in_person'),
        region: fc.constantFrom('norte', 'pampulha', 'centro-sul'),
        reason: fc.constantFrom('time', 'clarity', 'effectiveness'),
        comment: fc.string({ maxLength: 300, unit: 'grapheme' }),
        website: fc.constant(''),
      },
      { requiredKeys: ['serviceId', 'rating', 'outcome', 'channel'] },
    );
    const hostileRecord = fc.record(
      {
        serviceId: fc.oneof(fc.constantFrom('iptu-2-via', 'a'), fc.string()),
        rating: fc.oneof(fc.integer({ min: -1, max: 7 }), fc.double(), fc.string()),
        outcome: fc.oneof(fc.constantFrom('completed', 'gave_up'), fc.string()),
        channel: fc.oneof(fc.constantFrom('web', 'phone'), fc.string()),
        region: fc.constantFrom('norte', 'pampulha', 'nowhere'),
        reason: fc.constantFrom('time', 'clarity', 'other'),
        comment: fc.string({ maxLength: 1400, unit: 'binary' }),
        website: fc.oneof(fc.constant(''), fc.string(), jsonValue),
        ['__proto__']: jsonValue,
        extra: jsonValue,
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      { arbitrary: validRecord.map((o) => JSON.stringify(o)), weight: 3 },
      { arbitrary: hostileRecord.map((o) => JSON.stringify(o)), weight: 3 },
      { arbitrary: jsonValue.map((v) => JSON.stringify(v)), weight: 1 },
      { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
      { arbitrary: fc.uint8Array({ maxLength: 300 }), weight: 1 },
    );
    const contentType = fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 6 },
      {
        arbitrary: fc.constantFrom(
          'application/json; charset=utf-8',
          'text/plain',
          'application/json; charset=iso-8859-1',
        ),
        weight: 1,
      },
      { arbitrary: fc.string(), weight: 1 },
      { arbitrary: fc.constant(undefined), weight: 1 },
    );
    const idempotencyKey = fc.oneof(
      { arbitrary: fc.uuid(), weight: 6 },
      { arbitrary: fc.string({ maxLength: 300 }), weight: 1 },
      { arbitrary: fc.constant(undefined), weight: 1 },
    );
    let valid = 0;
    fc.assert(
      fc.property(body, contentType, idempotencyKey, (b, ct, key) => {
        const raw: RawFeedbackRequest = {
          contentType: ct,
          body: typeof b === 'string' ? new TextEncoder().encode(b) : b,
          idempotencyKey: key,
        };
        try {
          const parsed = parseFeedbackRequest(raw);
          expect(feedbackRequestSchema.safeParse(parsed.feedback).success).toBe(true);
          valid++;
        } catch (error) {
          expect(error).toBeInstanceOf(ProblemError);
          const status = (error as ProblemError).status;
          expect(status >= 400 && status < 500).toBe(true);
        }
      }),
      { numRuns: 1500, seed: 20250314 },
    );
    expect(valid).toBeGreaterThan(100); // the property also explores the accepting side
  });
});

import { describe, expect, it } from 'vitest';
import { feedbackRequestSchema } from '../../../functions/feedback/feedback-schema.js';
import { parseRatingForm } from '../../../functions/portal/parse-rating-form.js';
import { ProblemError } from '../../../functions/shared/problem.js';

const FORM = 'application/x-www-form-urlencoded';
const body = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const valid = {
  idempotencyKey: 'b9f3c1e2-0000-4000-8000-000000000001',
  serviceId: 'svc-0001',
  rating: '4',
  outcome: 'completed',
  channel: 'web',
  region: '',
  reason: 'time',
  comment: '',
  website: '',
};

describe('parseRatingForm', () => {
  it('reads the form into the same request the JSON route accepts', () => {
    const out = parseRatingForm(FORM, body(valid));
    expect(out.problem).toBeUndefined();
    expect(out.idempotencyKey).toBe(valid.idempotencyKey);
    expect(out.feedback).toEqual({
      serviceId: 'svc-0001',
      rating: 4,
      outcome: 'completed',
      channel: 'web',
      reason: 'time',
    });
    expect(feedbackRequestSchema.parse(out.feedback)).toEqual(out.feedback);
  });

  it('keeps UTF-8 comments and passes a filled honeypot to the logic', () => {
    const out = parseRatingForm(
      `${FORM}; charset=UTF-8`,
      new TextEncoder().encode(body({ ...valid, comment: 'Ótimo, já resolvi!', website: 'x' })),
    );
    expect(out.feedback?.comment).toBe('Ótimo, já resolvi!');
    expect(out.feedback?.website).toBe('x');
  });

  it('reports field problems with JSON pointers and keeps the values sent', () => {
    const out = parseRatingForm(
      FORM,
      body({ ...valid, rating: '7', channel: 'fax', serviceId: '' }),
    );
    expect(out.feedback).toBeUndefined();
    expect(out.problem?.kind).toBe('validation');
    const pointers = [...new Set((out.problem?.options.errors ?? []).map((e) => e.pointer))].sort();
    expect(pointers).toEqual(['/channel', '/rating', '/serviceId']);
    expect(out.values).toMatchObject({ rating: '7', channel: 'fax', serviceId: '' });
    expect(out.idempotencyKey).toBe(valid.idempotencyKey);
  });

  it('refuses a missing radio choice, a fractional rating and unknown fields', () => {
    const { outcome: _o, ...noOutcome } = valid;
    expect(parseRatingForm(FORM, body(noOutcome)).problem?.options.errors?.[0]?.pointer).toBe(
      '/outcome',
    );
    expect(parseRatingForm(FORM, body({ ...valid, rating: '4.5' })).problem?.kind).toBe(
      'validation',
    );
    const unknown = parseRatingForm(FORM, body({ ...valid, email: 'a@b.c' }));
    expect(unknown.problem?.options.errors).toEqual([
      { pointer: '/email', detail: 'unknown property' },
    ]);
    const twice = parseRatingForm(FORM, `${body(valid)}&rating=5`);
    expect(twice.problem?.options.errors?.[0]).toEqual({
      pointer: '/rating',
      detail: 'must be sent once',
    });
  });

  it('needs a valid idempotency key', () => {
    const { idempotencyKey: _k, ...noKey } = valid;
    expect(parseRatingForm(FORM, body(noKey)).problem?.kind).toBe('missing-idempotency-key');
    expect(
      parseRatingForm(FORM, body({ ...valid, idempotencyKey: 'has space' })).problem?.kind,
    ).toBe('missing-idempotency-key');
  });

  it('throws 415, 413 and 400 problems for the wrong media type, size or encoding', () => {
    const kind = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof ProblemError ? error.kind : 'other';
      }
      return 'none';
    };
    expect(kind(() => parseRatingForm('application/json', body(valid)))).toBe(
      'unsupported-media-type',
    );
    expect(kind(() => parseRatingForm(`${FORM}; charset=latin1`, body(valid)))).toBe(
      'unsupported-media-type',
    );
    expect(kind(() => parseRatingForm(FORM, body({ ...valid, comment: 'x'.repeat(17_000) })))).toBe(
      'payload-too-large',
    );
    expect(kind(() => parseRatingForm(FORM, new Uint8Array([0x63, 0x3d, 0xff, 0xfe])))).toBe(
      'invalid-encoding',
    );
  });
});

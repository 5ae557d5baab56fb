import { describe, expect, it } from 'vitest';
import { asUnavailable, isTransientAwsError } from '../../../functions/feedback/aws-unavailable.js';
import { base32, feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import {
  feedbackContentOf,
  feedbackFingerprint,
} from '../../../functions/feedback/feedback-item.js';
import { FEEDBACK_ID_PATTERN } from '../../../functions/feedback/feedback-schema.js';
import { jsonDepthExceeds } from '../../../functions/feedback/json-body.js';
import { receiptOf, verifyReceipt } from '../../../functions/feedback/receipt.js';
import { ProblemError } from '../../../functions/shared/problem.js';

describe('feedback ids', () => {
  it('are deterministic per key and scope, 26 base32 characters', () => {
    const id = feedbackIdOf('public', 'abc');
    expect(id).toMatch(FEEDBACK_ID_PATTERN);
    expect(feedbackIdOf('public', 'abc')).toBe(id);
    expect(feedbackIdOf('public', 'abd')).not.toBe(id);
    expect(feedbackIdOf('import', 'abc')).not.toBe(id);
  });
  it('encode base32 as RFC 4648 (lowercase, no padding)', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('mzxw6ytboi');
    expect(base32(new TextEncoder().encode('f'))).toBe('my');
  });
});

describe('receipts', () => {
  it('are the HMAC of the id, and verify only with the right key and id', () => {
    const r = receiptOf('key', 'id1');
    expect(r).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyReceipt('key', 'id1', r)).toBe(true);
    expect(verifyReceipt('key', 'id2', r)).toBe(false);
    expect(verifyReceipt('other', 'id1', r)).toBe(false);
    expect(verifyReceipt('key', 'id1', r.slice(0, -1))).toBe(false);
    expect(verifyReceipt('key', 'id1', `${r}x`)).toBe(false);
    expect(verifyReceipt('key', 'id1', '')).toBe(false);
  });
});

describe('fingerprints', () => {
  const base = { serviceId: 's', rating: 3, outcome: 'failed', channel: 'web' } as const;
  it('ignore key order and whitespace around the comment, and see every field', () => {
    const a = feedbackFingerprint(feedbackContentOf({ ...base, comment: ' oi ' }));
    const b = feedbackFingerprint(
      feedbackContentOf({
        comment: 'oi',
        channel: 'web',
        outcome: 'failed',
        rating: 3,
        serviceId: 's',
      }),
    );
    expect(a).toBe(b);
    expect(feedbackFingerprint(feedbackContentOf({ ...base, rating: 4 }))).not.toBe(
      feedbackFingerprint(base),
    );
    expect(feedbackFingerprint(base, '2025-01-01T00:00:00.000Z')).not.toBe(
      feedbackFingerprint(base),
    );
  });
});

describe('JSON depth', () => {
  it('counts brackets outside strings only, escapes included', () => {
    expect(jsonDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('{"a":{"b":{"c":{}}}}', 3)).toBe(true);
  });
});

describe('transient AWS errors', () => {
  it('map network errors, throttling and server faults to 503 and leave the rest alone', () => {
    const throttled = Object.assign(new Error('slow down'), {
      name: 'ProvisionedThroughputExceededException',
    });
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    const wrapped = new Error('outer', { cause: refused });
    const server = Object.assign(new Error('boom'), {
      name: 'InternalServerError',
      $fault: 'server',
    });
    const validation = Object.assign(new Error('bad'), {
      name: 'ValidationException',
      $fault: 'client',
    });
    for (const e of [throttled, refused, wrapped, server, new AggregateError([refused])]) {
      expect(isTransientAwsError(e)).toBe(true);
      const p = asUnavailable(e) as ProblemError;
      expect([p.kind, p.status, p.options.retryAfter]).toEqual(['unavailable', 503, 5]);
    }
    expect(isTransientAwsError(validation)).toBe(false);
    expect(asUnavailable(validation)).toBe(validation);
    const problem = new ProblemError('not-found');
    expect(asUnavailable(problem)).toBe(problem);
  });
});

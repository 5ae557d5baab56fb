import { createHmac, timingSafeEqual } from 'node:crypto';

/** Server secrets the feedback functions need (DESIGN.md, "Secrets"). */
export interface FeedbackSecrets {
  /** HMAC key of the erasure receipts. */
  readonly receiptKey: string;
}

/**
 * The receipt of a feedback id: HMAC-SHA256(receiptKey, id) in base64url (43 characters).
 * Nothing about it is stored; it can be recomputed on replay and checked after the item expired.
 */
export function receiptOf(receiptKey: string, id: string): string {
  return createHmac('sha256', receiptKey).update(id, 'utf8').digest('base64url');
}

/** Whether a presented receipt belongs to an id, compared in constant time. */
export function verifyReceipt(receiptKey: string, id: string, presented: string): boolean {
  const expected = Buffer.from(receiptOf(receiptKey, id), 'utf8');
  const given = Buffer.from(presented, 'utf8');
  // Compare equal-length buffers only; the expected length (43) is public.
  const comparable = given.length === expected.length ? given : Buffer.alloc(expected.length);
  return timingSafeEqual(comparable, expected) && given.length === expected.length;
}

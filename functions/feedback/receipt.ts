import { createHmac, timingSafeEqual } from 'node:crypto';

/** The shape of a receipt: 43 base64url characters (32 bytes of HMAC-SHA256, unpadded). */
export const RECEIPT_PATTERN = /^[A-Za-z0-9_-]{43}$/;

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

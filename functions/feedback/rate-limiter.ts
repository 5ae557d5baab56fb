import { createHmac } from 'node:crypto';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ProblemError } from '../shared/problem.js';
import { rateCounterKey } from '../shared/table-keys.js';
import { asUnavailable } from './aws-unavailable.js';
import { ipNetworks, rateLimitSubject } from './ip-networks.js';

/** Limits of the public rating endpoint, per fixed one-minute window. */
export interface RateLimits {
  /** Ratings per client (IP address, IPv6 /64) per minute. */
  readonly perClientPerMinute: number;
  /** Ratings of one service per client per minute. */
  readonly perServicePerMinute: number;
  /** Factor applied to both limits for clients in a trusted network (telecentros). */
  readonly trustedMultiplier: number;
}

/**
 * Defaults that let 30 people behind one address (a telecentro, carrier-grade NAT) rate at once,
 * even the same service, while a burst of 40 ratings of one service meets 429.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  perClientPerMinute: 60,
  perServicePerMinute: 30,
  trustedMultiplier: 10,
};

/** Length of a counting window, in seconds. */
export const RATE_WINDOW_SECONDS = 60;

/** Name of the limit in the counter's sort key. */
export const FEEDBACK_RATE_LIMIT = 'feedback';

/** What the limiter needs. */
export interface RateLimiterOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Secret salt of the client hash (DESIGN.md, "Secrets"); combined with the UTC day. */
  readonly ipSalt: string;
  readonly limits?: Partial<RateLimits> | undefined;
  /** CIDR blocks of trusted networks (telecentro address ranges), IPv4 or IPv6. */
  readonly trustedNetworks?: readonly string[] | undefined;
}

/** One rating to count. */
export interface RateLimitRequest {
  /** The client's address (`clientAddress()`); `undefined` shares one anonymous counter. */
  readonly clientIp: string | undefined;
  readonly serviceId: string;
  readonly now: Date;
}

/** Counts ratings and refuses those over the limits. */
export interface RateLimiter {
  /**
   * Counts one rating, with one conditional DynamoDB write. Over a limit → 429
   * `too-many-requests` with `retryAfter` = seconds to the end of the window (nothing counted);
   * DynamoDB unreachable → 503 `unavailable`.
   */
  consume(request: RateLimitRequest): Promise<void>;
}

/**
 * The client hash: HMAC-SHA256 under `ipSalt` + the UTC day of `now` of the client's address
 * (its /64 for IPv6), base64url, 128 bits. The key changes every day, so hashes of different
 * days can't be linked, and the address itself is never stored or logged.
 */
export function clientHashOf(ipSalt: string, clientIp: string | undefined, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  const subject = clientIp ? rateLimitSubject(clientIp) : 'unknown';
  return createHmac('sha256', `${ipSalt}\u0000${day}`)
    .update(subject, 'utf8')
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/**
 * The counter update: add 1 to `total` and to the service's attribute, and set the `ttl`.
 * Placeholders are kept short and the expressions constant: DynamoDB (and the embedded
 * dynalite, which parses them on every call) reads less.
 */
const COUNTER_UPDATE = 'ADD #t :o, #s :o SET #l = :l';

/**
 * The counter condition: both counts are still below their limits. A comparison with a missing
 * attribute is false in DynamoDB, so `NOT #t >= :t` holds for the first rating of a window (no
 * item yet) as well as for a count below the limit — the same as
 * `(attribute_not_exists(#t) OR #t < :t)`, at a third of the length and without parentheses.
 * NOT binds tighter than AND.
 */
const COUNTER_CONDITION = 'NOT #t >= :t AND NOT #s >= :s';

/**
 * A DynamoDB-backed fixed-window limiter. One item per client hash and minute
 * (`rateCounterKey(hash, 'feedback', 'YYYY-MM-DDTHH:MMZ')`) holds `total` and one counter
 * attribute per service (`s:<serviceId>`); one UpdateItem adds 1 to both under a condition that
 * both are below their limits, so a refused rating writes nothing. Items carry a `ttl` just past
 * the window.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.limits };
  const trusted = ipNetworks(options.trustedNetworks ?? []);
  return {
    async consume({ clientIp, serviceId, now }) {
      const factor = trusted.contains(clientIp) ? limits.trustedMultiplier : 1;
      const windowMs = RATE_WINDOW_SECONDS * 1000;
      const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
      const windowEnd = windowStart + windowMs;
      const hash = clientHashOf(options.ipSalt, clientIp, now);
      const key = rateCounterKey(
        hash,
        FEEDBACK_RATE_LIMIT,
        new Date(windowStart).toISOString().slice(0, 16).concat('Z'),
      );
      try {
        await options.doc.send(
          new UpdateCommand({
            TableName: options.tableName,
            Key: key,
            UpdateExpression: COUNTER_UPDATE,
            ConditionExpression: COUNTER_CONDITION,
            ExpressionAttributeNames: { '#t': 'total', '#s': `s:${serviceId}`, '#l': 'ttl' },
            ExpressionAttributeValues: {
              ':o': 1,
              ':l': Math.ceil(windowEnd / 1000) + RATE_WINDOW_SECONDS,
              ':t': limits.perClientPerMinute * factor,
              ':s': limits.perServicePerMinute * factor,
            },
          }),
        );
      } catch (error) {
        if ((error as { name?: unknown }).name === 'ConditionalCheckFailedException') {
          throw new ProblemError('too-many-requests', {
            detail: 'Too many ratings from this network in the last minute. Please retry later.',
            retryAfter: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)),
          });
        }
        throw asUnavailable(error);
      }
    },
  };
}

import type { Context } from 'hono';

/** The parts of an API Gateway HTTP API (payload v2) event that Mirante reads. */
interface LambdaHttpEvent {
  readonly requestContext?: {
    readonly http?: { readonly sourceIp?: string };
    readonly authorizer?: { readonly jwt?: { readonly claims?: Record<string, unknown> } };
  };
}

function lambdaEvent(c: Context): LambdaHttpEvent | undefined {
  const env = c.env as { event?: LambdaHttpEvent } | undefined;
  return env?.event;
}

/**
 * The address the request came from: API Gateway's `sourceIp` on AWS, the socket's address
 * locally (`@hono/node-server` puts the Node request in `c.env.incoming`). Used only to count
 * requests against limits — never stored or logged.
 */
export function sourceIpOf(c: Context): string | undefined {
  const fromLambda = lambdaEvent(c)?.requestContext?.http?.sourceIp;
  if (fromLambda) return fromLambda;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/** JWT claims validated by API Gateway's JWT authorizer (AWS only). */
export function jwtClaimsOf(c: Context): Record<string, unknown> | undefined {
  return lambdaEvent(c)?.requestContext?.authorizer?.jwt?.claims;
}

/** The request body as bytes (an empty array when there is none). */
export async function rawBodyOf(c: Context): Promise<Uint8Array> {
  return new Uint8Array(await c.req.arrayBuffer());
}

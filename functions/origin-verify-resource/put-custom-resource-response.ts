import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How {@link putCustomResourceResponse} retries and waits. */
export interface PutOptions {
  /** Pauses before the second, third… attempt (default 1 s, then 3 s: three attempts). */
  readonly retryDelaysMs?: readonly number[];
  /** Socket inactivity limit of one attempt (default 10 s). */
  readonly timeoutMs?: number;
}

/**
 * Delivers a custom resource's response: the JSON body PUT to CloudFormation's pre-signed
 * `ResponseURL` (an S3 URL), with an empty `Content-Type` as the URL was signed without one.
 * Retries a failed attempt (network error, timeout or a non-2xx answer). The error thrown after
 * the last attempt names neither the URL (its query string is a signature) nor the body.
 */
export async function putCustomResourceResponse(
  responseUrl: string,
  body: string,
  options: PutOptions = {},
): Promise<void> {
  const delays = options.retryDelaysMs ?? [1000, 3000];
  let lastError: unknown;
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, delays[attempt - 1]));
    try {
      await putOnce(responseUrl, body, options.timeoutMs ?? 10_000);
      return;
    } catch (error) {
      lastError = error;
    }
  }
  const why = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`the custom resource response was not delivered: ${why}`);
}

function putOnce(responseUrl: string, body: string, timeoutMs: number): Promise<void> {
  const url = new URL(responseUrl);
  // CloudFormation's URLs are https; http serves a local stand-in in tests.
  const send =
    url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
  if (!send) return Promise.reject(new Error(`unsupported response URL scheme ${url.protocol}`));
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'PUT',
        headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`the response URL answered ${status}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => reject(new Error(`PUT failed: ${error.message}`)));
    req.end(body);
  });
}

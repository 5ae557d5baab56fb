import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { originVerifyValue } from '../../../functions/feedback/origin-verify-value.js';
import {
  answerOriginVerifyRequest,
  ORIGIN_VERIFY_RESOURCE_TYPE,
  type OriginVerifyRequestDeps,
} from '../../../functions/origin-verify-resource/answer-origin-verify-request.js';
import { createLogger } from '../../../functions/shared/logger.js';

// A real HTTP server stands in for CloudFormation's pre-signed S3 ResponseURL: the handler PUTs
// its response there exactly as it would to S3. The root secret read is injected (Secrets
// Manager has no embedded server here).

const ROOT = 'root-key-of-the-one-secret-0123456789abcdefghijklmnopqrstuvwxyz0';

interface Received {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];
/** Status codes the next PUTs are answered with (then 200). */
let answers: number[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(answers.shift() ?? 200);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  answers = [];
});

const SIGNED_PATH = '/cfn-responses/req-1?X-Amz-Signature=s1gnature&X-Amz-Expires=7200';

/** A request of CloudFormation; a `null` version leaves the property out. */
function event(
  requestType: 'Create' | 'Update' | 'Delete',
  version: string | null = '2',
): CloudFormationCustomResourceEvent {
  const common = {
    ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider',
    ResponseURL: `${baseUrl}${SIGNED_PATH}`,
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Mirante-dev/abc',
    RequestId: `request-${requestType}`,
    LogicalResourceId: 'OriginVerifyValue4D36D4E9',
    ResourceType: ORIGIN_VERIFY_RESOURCE_TYPE,
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider',
      ...(version === null ? {} : { Version: version }),
    },
  };
  if (requestType === 'Create') return { ...common, RequestType: 'Create' };
  if (requestType === 'Update') {
    return {
      ...common,
      RequestType: 'Update',
      PhysicalResourceId: 'mirante-origin-verify-OriginVerifyValue4D36D4E9',
      OldResourceProperties: { ServiceToken: common.ServiceToken, Version: '1' },
    };
  }
  return {
    ...common,
    RequestType: 'Delete',
    PhysicalResourceId: 'mirante-origin-verify-OriginVerifyValue4D36D4E9',
  };
}

/** Deps whose root read is counted; the log lines are kept. */
function deps(readRoot: () => Promise<string> = async () => ROOT) {
  const lines: string[] = [];
  let reads = 0;
  const value: OriginVerifyRequestDeps = {
    readRoot: () => {
      reads++;
      return readRoot();
    },
    logger: createLogger({ service: 'test', write: (l) => lines.push(l) }),
    put: { retryDelaysMs: [0, 0], timeoutMs: 2000 },
  };
  return { deps: value, lines, reads: () => reads };
}

/** The one response the stand-in received, parsed. */
function onlyResponse(): Record<string, unknown> {
  expect(received).toHaveLength(1);
  const [put] = received;
  expect(put?.method).toBe('PUT');
  expect(put?.url).toBe(SIGNED_PATH);
  // Signed without a content type: S3 would refuse another one.
  expect(put?.headers['content-type']).toBe('');
  expect(Number(put?.headers['content-length'])).toBe(Buffer.byteLength(put?.body ?? ''));
  return JSON.parse(put?.body ?? '') as Record<string, unknown>;
}

/** Every value a response must never carry: the root and the values of nearby versions. */
const SECRETS = [ROOT, ...[1, 2, 3].map((v) => originVerifyValue(ROOT, v))];

describe('answerOriginVerifyRequest', () => {
  it('answers Create with the value derived for the version, masked by NoEcho', async () => {
    const d = deps();
    await answerOriginVerifyRequest(event('Create'), d.deps);
    expect(onlyResponse()).toEqual({
      Status: 'SUCCESS',
      NoEcho: true,
      Data: { Value: originVerifyValue(ROOT, 2) },
      PhysicalResourceId: 'mirante-origin-verify-OriginVerifyValue4D36D4E9',
      StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Mirante-dev/abc',
      RequestId: 'request-Create',
      LogicalResourceId: 'OriginVerifyValue4D36D4E9',
    });
    expect(d.reads()).toBe(1);
    expect(d.lines.join('\n')).toContain('origin-verify value derived');
    for (const secret of SECRETS) expect(d.lines.join('\n')).not.toContain(secret);
  });

  it('answers Update (a rotation) with the new version value, keeping the physical id', async () => {
    const d = deps();
    await answerOriginVerifyRequest(event('Update', '3'), d.deps);
    const response = onlyResponse();
    expect(response).toMatchObject({
      Status: 'SUCCESS',
      NoEcho: true,
      Data: { Value: originVerifyValue(ROOT, 3) },
      PhysicalResourceId: 'mirante-origin-verify-OriginVerifyValue4D36D4E9',
      RequestId: 'request-Update',
    });
    expect(originVerifyValue(ROOT, 3)).not.toBe(originVerifyValue(ROOT, 2));
  });

  it('answers Delete with SUCCESS without reading the secret', async () => {
    const d = deps(async () => {
      throw new Error('must not be read');
    });
    await answerOriginVerifyRequest(event('Delete'), d.deps);
    expect(onlyResponse()).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'mirante-origin-verify-OriginVerifyValue4D36D4E9',
      StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Mirante-dev/abc',
      RequestId: 'request-Delete',
      LogicalResourceId: 'OriginVerifyValue4D36D4E9',
    });
    expect(d.reads()).toBe(0);
  });

  it('answers FAILED with the cause when the secret cannot be read, and no value', async () => {
    const denied = Object.assign(
      new Error('User is not authorized to perform: secretsmanager:GetSecretValue'),
      { name: 'AccessDeniedException' },
    );
    const d = deps(async () => {
      throw denied;
    });
    await answerOriginVerifyRequest(event('Create'), d.deps);
    const response = onlyResponse();
    expect(response).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'mirante-origin-verify-OriginVerifyValue4D36D4E9',
      RequestId: 'request-Create',
    });
    expect(response.Reason).toBe(
      'could not derive the origin-verify value: AccessDeniedException: User is not authorized to perform: secretsmanager:GetSecretValue',
    );
    expect(response.Data).toBeUndefined();
    expect(d.lines.join('\n')).toContain('origin-verify request failed');
  });

  it('never quotes the secret in a reason, even when the error message does (JSON.parse)', async () => {
    // A secret string that is not JSON: V8's message quotes the start of the text.
    const malformed = `{"receiptKey":${ROOT}}`;
    expect(() => JSON.parse(malformed)).toThrow(ROOT.slice(0, 10));
    const d = deps(async () => JSON.parse(malformed) as string);
    await answerOriginVerifyRequest(event('Update', '3'), d.deps);
    const put = received[0]?.body ?? '';
    const response = onlyResponse();
    expect(response.Status).toBe('FAILED');
    expect(response.Reason).toMatch(/not valid JSON/);
    for (const secret of SECRETS) {
      expect(put).not.toContain(secret.slice(0, 10));
      expect(d.lines.join('\n')).not.toContain(secret.slice(0, 10));
    }
  });

  it('answers FAILED for a bad version before reading anything', async () => {
    for (const bad of ['0', 'latest', null, '1.5', '']) {
      received.length = 0;
      const d = deps();
      await answerOriginVerifyRequest(event('Create', bad), d.deps);
      const response = onlyResponse();
      expect(response.Status, String(bad)).toBe('FAILED');
      expect(response.Reason).toMatch(/origin-verify version must be a whole number/);
      expect(response.Data).toBeUndefined();
      expect(d.reads()).toBe(0);
    }
  });

  it('retries the PUT when the URL answers an error, and delivers the same response', async () => {
    answers = [503, 500];
    await answerOriginVerifyRequest(event('Create'), deps().deps);
    expect(received).toHaveLength(3);
    const bodies = new Set(received.map((r) => r.body));
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0] ?? '')).toMatchObject({ Status: 'SUCCESS' });
  });

  it('throws when the response cannot be delivered, naming neither the URL signature nor the value', async () => {
    answers = [403, 403, 403];
    const error = await answerOriginVerifyRequest(event('Create'), deps().deps).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(received).toHaveLength(3);
    expect(error?.message).toBe(
      'the custom resource response was not delivered: the response URL answered 403',
    );
    expect(error?.message).not.toContain('s1gnature');
    expect(error?.message).not.toContain(originVerifyValue(ROOT, 2));
  });
});

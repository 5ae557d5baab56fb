import { expect } from 'vitest';
import { QUERIES_DIR } from '../../../../cli/project-paths.js';
import { serveApp } from '../../../../cli/serve.js';
import { type ApiConfig, loadApiConfig } from '../../../../functions/api/api-config.js';
import { createApiApp } from '../../../../functions/api/create-api-app.js';
import { createReadRoutesDeps } from '../../../../functions/api/create-read-routes-deps.js';
import type { ServiceDirectory } from '../../../../functions/api/service-directory.js';
import { createLogger, type Logger } from '../../../../functions/shared/logger.js';
import { startTestStack, type TestStack } from '../../../support/test-stack.js';
import { FIXTURE_SERVICES, type PublishedFixtures, publishFixtures } from './api-fixtures.js';
import { type OpenApiDocument, validateResponse } from './openapi-validator.js';

/** The public base URL the harness configures (so both transports give identical bodies). */
export const PUBLIC_URL = 'https://dados.example.gov.br';

/** One response, read fully. */
export interface ReadResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, when it is JSON. */
  readonly json: unknown;
}

/** A running API over an embedded stack with published fixtures, reachable two ways. */
export interface ApiHarness {
  readonly stack: TestStack;
  readonly fixtures: PublishedFixtures;
  readonly app: ReturnType<typeof createApiApp>;
  /** `http://127.0.0.1:<port>` of the real HTTP server. */
  readonly origin: string;
  readonly document: OpenApiDocument;
  /** Every log line the app wrote. */
  readonly logLines: string[];
  /** How many responses were validated against the document. */
  readonly validated: () => number;
  /**
   * Sends a request through `app.request` and over real HTTP, validates both responses against
   * the served OpenAPI document, checks they agree (status, media type, body), and returns the
   * in-process one.
   */
  call(path: string, init?: RequestInit): Promise<ReadResponse>;
  /** Sends over real HTTP only (validated). */
  http(path: string, init?: RequestInit): Promise<ReadResponse>;
  close(): Promise<void>;
}

/** Options of {@link startApiHarness}. */
export interface ApiHarnessOptions {
  readonly env?: Record<string, string>;
  readonly services?: ServiceDirectory;
  readonly publish?: boolean;
  readonly resolveModule?: (specifier: string) => string;
  /**
   * Without `MIRANTE_PUBLIC_URL` links follow each request's origin: the two transports' bodies
   * then differ by origin only, and are compared with it replaced.
   */
  readonly linksFollowOrigin?: boolean;
}

/** Starts the stack, publishes the fixtures, builds the API app and serves it on a free port. */
export async function startApiHarness(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  const stack = await startTestStack();
  const fixtures =
    options.publish === false
      ? ({ registry: undefined, metadata: {}, results: {} } as unknown as PublishedFixtures)
      : await publishFixtures(stack);
  const logLines: string[] = [];
  const logger: Logger = createLogger({
    service: 'api',
    level: 'debug',
    write: (l) => logLines.push(l),
  });
  const config: ApiConfig = loadApiConfig({
    MIRANTE_PUBLIC_URL: options.linksFollowOrigin ? '' : PUBLIC_URL,
    MIRANTE_CONTACT_EMAIL: 'dados@example.gov.br',
    MIRANTE_MANIFEST_TTL_MS: '0',
    ...options.env,
  });
  const deps = createReadRoutesDeps({
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    tableName: stack.config.tableName,
    lakeBucket: stack.config.lakeBucket,
    config,
    queriesDir: QUERIES_DIR,
    services: options.services ?? (async () => FIXTURE_SERVICES),
    logger,
  });
  const app = createApiApp({
    logger,
    deps: options.resolveModule ? { ...deps, resolveModule: options.resolveModule } : deps,
  });
  const server = await serveApp(app, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${server.port}`;
  const document = (await (await app.request('/openapi.json')).json()) as OpenApiDocument;
  let count = 0;

  const read = async (response: Response): Promise<ReadResponse> => {
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: /json/.test(type) && text ? JSON.parse(text) : undefined,
    };
  };
  const check = (path: string, init: RequestInit | undefined, r: ReadResponse, via: string) => {
    const errors = validateResponse(document, {
      method: init?.method ?? 'GET',
      path,
      status: r.status,
      headers: r.headers,
      body: r.text,
    });
    expect(errors, `${via} ${init?.method ?? 'GET'} ${path}`).toEqual([]);
    expect(r.headers.get('x-request-id'), `${via} ${path}: request id`).toBeTruthy();
    count++;
  };
  const http = async (path: string, init?: RequestInit) => {
    const r = await read(await fetch(`${origin}${path}`, init));
    check(path, init, r, 'http');
    return r;
  };
  return {
    stack,
    fixtures,
    app,
    origin,
    document,
    logLines,
    validated: () => count,
    http,
    async call(path, init) {
      const local = await read(await app.request(path, init));
      check(path, init, local, 'app.request');
      const remote = await http(path, init);
      expect(remote.status, `${path}: same status over HTTP`).toBe(local.status);
      expect(remote.headers.get('content-type')).toBe(local.headers.get('content-type'));
      if (local.status === 200 && options.linksFollowOrigin) {
        expect(remote.text.replaceAll(origin, 'http://localhost')).toBe(local.text);
      } else if (local.status === 200) {
        expect(remote.text, `${path}: same body over HTTP`).toBe(local.text);
        expect(remote.headers.get('etag')).toBe(local.headers.get('etag'));
      }
      return local;
    },
    async close() {
      await server.close();
      await stack.close();
    },
  };
}

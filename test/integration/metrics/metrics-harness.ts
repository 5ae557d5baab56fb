import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createBaseApp, type MiranteEnv } from '../../../functions/http/create-base-app.js';
import { registerOpenApiDocument } from '../../../functions/http/register-openapi-document.js';
import type { MetricsDeps } from '../../../functions/metrics/create-metrics-deps.js';
import { registerMetrics } from '../../../functions/metrics/register-metrics.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import { addMonths, monthOf } from '../../../functions/shared/period.js';
import type { StaffAuthSource } from '../../../functions/shared/staff-auth.js';
import { metricBatchKey } from '../../../functions/shared/table-keys.js';
import { startTestStack, type TestStack } from '../../support/test-stack.js';

/** The staff token of the test app. */
export const TOKEN = 'staff-token-for-metrics-tests';

/** The metrics routes on a test stack, called in-process (`app.request`). */
export interface MetricsHarness {
  readonly stack: TestStack;
  readonly app: OpenAPIHono<MiranteEnv>;
  readonly deps: MetricsDeps;
  post(
    dataset: string,
    body: string | Uint8Array,
    contentType?: string,
    headers?: Record<string, string>,
  ): Promise<Response>;
  postRows(dataset: string, rows: readonly unknown[]): Promise<Response>;
  get(path: string): Promise<Response>;
  del(path: string): Promise<Response>;
  /** Every lake key under a prefix. */
  keys(prefix?: string): Promise<string[]>;
  /** Every batch record item of a dataset. */
  batchItems(dataset: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Starts a test stack and the metrics routes on it (bearer-token staff auth). */
export async function startMetricsHarness(
  staffAuth: StaffAuthSource = { kind: 'token', token: TOKEN },
): Promise<MetricsHarness> {
  const stack = await startTestStack();
  const app = createBaseApp(silentLogger);
  const deps = registerMetrics(app, {
    clients: stack.clients,
    config: stack.config,
    logger: silentLogger,
    staffAuth,
  });
  registerOpenApiDocument(app);
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const harness: MetricsHarness = {
    stack,
    app,
    deps,
    post: (dataset, body, contentType = 'text/csv', headers = auth) =>
      Promise.resolve(
        app.request(`/v1/metrics/${dataset}`, {
          method: 'POST',
          headers: { 'Content-Type': contentType, ...headers },
          body: typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]),
        }),
      ),
    postRows: (dataset, rows) =>
      harness.post(dataset, JSON.stringify({ rows }), 'application/json'),
    get: (path) => Promise.resolve(app.request(path, { headers: auth })),
    del: (path) => Promise.resolve(app.request(path, { method: 'DELETE', headers: auth })),
    async keys(prefix = '') {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const page = await stack.clients.s3.send(
          new ListObjectsV2Command({
            Bucket: stack.config.lakeBucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        );
        for (const o of page.Contents ?? []) if (o.Key) out.push(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out.sort();
    },
    async batchItems(dataset) {
      const page = await stack.clients.doc.send(
        new QueryCommand({
          TableName: stack.config.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': metricBatchKey(dataset, '').pk },
          ConsistentRead: true,
        }),
      );
      return page.Items ?? [];
    },
    close: () => stack.close(),
  };
  return harness;
}

/** A month relative to the current one, in the city's time zone (`-1` = last month). */
export const monthAgo = (delta: number): string =>
  addMonths(monthOf(new Date(), 'America/Sao_Paulo'), -delta);

/** A services CSV with `n` services `svc-0001`… (all fully digital). */
export function servicesCsv(n: number, nameSuffix = ''): string {
  const lines = ['service_id,name_pt,name_en,category,digital_level'];
  for (let i = 1; i <= n; i++) {
    const id = `svc-${String(i).padStart(4, '0')}`;
    lines.push(`${id},Serviço ${i}${nameSuffix},Service ${i}${nameSuffix},tributos,full`);
  }
  return `${lines.join('\n')}\n`;
}

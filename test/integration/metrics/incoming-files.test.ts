import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_INCOMING_SUBMITTER, pollIncoming } from '../../../cli/incoming-poller.js';
import { batchRecordFromItem } from '../../../functions/datasets/metric-batch-record.js';
import { processIncomingObject } from '../../../functions/metrics/process-incoming-object.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import {
  type MetricsHarness,
  monthAgo,
  servicesCsv,
  startMetricsHarness,
} from './metrics-harness.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

let h: MetricsHarness;
let handler: Handler;
const saved = { ...process.env };

beforeAll(async () => {
  h = await startMetricsHarness();
  Object.assign(process.env, {
    MIRANTE_TABLE: h.stack.config.tableName,
    MIRANTE_LAKE_BUCKET: h.stack.config.lakeBucket,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: h.stack.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: h.stack.endpoints.s3,
    MIRANTE_LOG_LEVEL: 'warn',
  });
  delete process.env.AWS_ACCESS_KEY_ID;
  // The Lambda module reads its configuration at load, as on AWS.
  handler = (await import('../../../functions/metrics/handler.js')).handler as Handler;
  expect((await h.post('services', servicesCsv(5))).status).toBe(201);
});
afterAll(async () => {
  process.env = saved;
  await h.close();
});

const put = (key: string, body: string) =>
  h.stack.clients.s3.send(
    new PutObjectCommand({ Bucket: h.stack.config.lakeBucket, Key: key, Body: body }),
  );
const read = async (key: string) => {
  const out = await h.stack.clients.s3.send(
    new GetObjectCommand({ Bucket: h.stack.config.lakeBucket, Key: key }),
  );
  return (await out.Body?.transformToString()) ?? '';
};
/** An S3 notification as AWS sends it: keys form-encoded (`+` for a space). */
const s3Event = (...keys: string[]) => ({
  Records: keys.map((key) => ({
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AIDAEXAMPLE:maria' },
    s3: {
      bucket: { name: h.stack.config.lakeBucket },
      object: { key: encodeURIComponent(key).replaceAll('%2F', '/').replaceAll('%20', '+') },
    },
  })),
});
const context = {} as Context;

const REACH = (users: number) =>
  `month;region;unique_users;sessions\n${monthAgo(1)};norte;${users};${users * 6}\n${monthAgo(1)};leste;10;10\n`;

describe('incoming/ through the S3 notification', () => {
  it('ingests a CSV and moves it to processed/ with a result beside it', async () => {
    await put('incoming/wifi-reach/alcance maio.csv', REACH(31_000));
    const out = (await handler(s3Event('incoming/wifi-reach/alcance maio.csv'), context)) as {
      results: { outcome: string }[];
    };
    expect(out.results).toEqual([
      { key: 'incoming/wifi-reach/alcance maio.csv', outcome: 'processed' },
    ]);
    expect(await h.keys('incoming/')).toEqual([]);
    expect(await h.keys('ingest-results/')).toEqual([
      'ingest-results/processed/wifi-reach/alcance maio.csv',
      'ingest-results/processed/wifi-reach/alcance maio.csv.result.json',
    ]);
    expect(await read('ingest-results/processed/wifi-reach/alcance maio.csv')).toBe(REACH(31_000));
    const result = JSON.parse(
      await read('ingest-results/processed/wifi-reach/alcance maio.csv.result.json'),
    );
    const [item] = await h.batchItems('wifi-reach');
    const record = batchRecordFromItem(item as Record<string, unknown>);
    expect(result).toMatchObject({ batchId: record.batchId, rows: 2, outcome: 'created' });
    expect(record.submitter).toBe('s3:AWS:AIDAEXAMPLE:maria');
  });

  it('is unmoved by duplicate events, and the same content again is the same batch', async () => {
    const event = s3Event('incoming/wifi-reach/alcance maio.csv');
    const again = (await handler(event, context)) as { results: { outcome: string }[] };
    expect(again.results[0]?.outcome).toBe('skipped');
    expect(await h.batchItems('wifi-reach')).toHaveLength(1);

    await put('incoming/wifi-reach/copia.csv', REACH(31_000));
    await Promise.all([
      handler(s3Event('incoming/wifi-reach/copia.csv'), context),
      handler(s3Event('incoming/wifi-reach/copia.csv'), context),
    ]);
    expect(await h.keys('incoming/')).toEqual([]);
    expect(await h.batchItems('wifi-reach')).toHaveLength(1);
    const result = JSON.parse(
      await read('ingest-results/processed/wifi-reach/copia.csv.result.json'),
    );
    expect(result.outcome).toBe('unchanged');
  });

  it('moves an invalid file to rejected/ with a machine-readable error report', async () => {
    const csv = `month,service_id,channel,completed\n${monthAgo(1)},svc-0001,web,10\n${monthAgo(1)},svc-0002,fax,3\n${monthAgo(1)},svc-0042,web,1\n`;
    await put('incoming/transactions/2025-05.csv', csv);
    const before = await h.keys('raw/metrics/');
    await handler(s3Event('incoming/transactions/2025-05.csv'), context);
    expect(await h.keys('incoming/')).toEqual([]);
    expect(await read('ingest-results/rejected/transactions/2025-05.csv')).toBe(csv);
    const report = JSON.parse(
      await read('ingest-results/rejected/transactions/2025-05.csv.errors.json'),
    );
    expect(report).toMatchObject({
      source: 'incoming/transactions/2025-05.csv',
      dataset: 'transactions',
      problem: {
        type: 'https://mirante.dev/problems/invalid-rows',
        status: 422,
        errorCount: 1,
        errors: [{ row: 3, column: 'channel', value: 'fax', pointer: '/rows/1/channel' }],
      },
    });
    expect(await h.keys('raw/metrics/')).toEqual(before);
    expect(await h.batchItems('transactions')).toHaveLength(0);
  });

  it('rejects files outside a dataset folder, unknown datasets and workbooks', async () => {
    await put('incoming/alcance.csv', REACH(5));
    await put('incoming/wifi/alcance.csv', REACH(5));
    await put('incoming/wifi-reach/alcance.xlsx', 'PK\u0003\u0004');
    await handler(
      s3Event(
        'incoming/alcance.csv',
        'incoming/wifi/alcance.csv',
        'incoming/wifi-reach/alcance.xlsx',
      ),
      context,
    );
    const report = async (key: string) => JSON.parse(await read(key)).problem.type as string;
    expect(await report('ingest-results/rejected/_no-dataset/alcance.csv.errors.json')).toMatch(
      /not-found$/,
    );
    expect(await report('ingest-results/rejected/wifi/alcance.csv.errors.json')).toMatch(
      /not-found$/,
    );
    expect(await report('ingest-results/rejected/wifi-reach/alcance.xlsx.errors.json')).toMatch(
      /unsupported-media-type$/,
    );
    expect(await h.keys('incoming/')).toEqual([]);
  });
});

describe('limits', () => {
  it('rejects a file over the size limit without reading it', async () => {
    await put('incoming/wifi-reach/grande.csv', REACH(7));
    const result = await processIncomingObject(
      { ...h.deps.incoming, maxBytes: 32 },
      {
        bucket: h.stack.config.lakeBucket,
        key: 'incoming/wifi-reach/grande.csv',
        submitter: 's3:x',
      },
    );
    expect(result).toMatchObject({ outcome: 'rejected', problem: { status: 413 } });
    expect(await h.keys('incoming/')).toEqual([]);
  });
});

describe('the metrics Lambda behind the HTTP API', () => {
  it('serves the staff routes from an API Gateway event with the staff group claim', async () => {
    const event = (groups: string) => ({
      version: '2.0',
      routeKey: 'GET /v1/metrics/{dataset}/batches',
      rawPath: '/v1/metrics/wifi-reach/batches',
      rawQueryString: '',
      headers: { host: 'api.example.org' },
      requestContext: {
        http: { method: 'GET', path: '/v1/metrics/wifi-reach/batches', sourceIp: '203.0.113.9' },
        authorizer: { jwt: { claims: { sub: 'u-7', 'cognito:groups': groups } } },
        domainName: 'api.example.org',
        stage: '$default',
      },
      isBase64Encoded: false,
    });
    const ok = (await handler(event('[staff]'), context)) as { statusCode: number; body: string };
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body).data).toHaveLength(1);
    const denied = (await handler(event('[]'), context)) as { statusCode: number };
    expect(denied.statusCode).toBe(403);
  });
});

describe('the local poll of incoming/', () => {
  it('runs the same processing on every file found', async () => {
    await put('incoming/wifi-reach/junho.csv', REACH(32_000));
    await put(
      'incoming/device-donations/junho.csv',
      'month,region,device_type,programme,quantity\n2099-01,norte,tablet,Conecta,1\n',
    );
    const results = await pollIncoming(h.stack, silentLogger);
    expect(results.map((r) => [r.key, r.outcome])).toEqual([
      ['incoming/device-donations/junho.csv', 'rejected'],
      ['incoming/wifi-reach/junho.csv', 'processed'],
    ]);
    const items = await h.batchItems('wifi-reach');
    expect(items.map((i) => i.submitter)).toContain(LOCAL_INCOMING_SUBMITTER);
    expect(await pollIncoming(h.stack, silentLogger)).toEqual([]);
  });
});

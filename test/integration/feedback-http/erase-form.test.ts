import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApp } from '../../../cli/create-local-app.js';
import { feedbackIdOf } from '../../../functions/feedback/feedback-id.js';
import { receiptOf } from '../../../functions/feedback/receipt.js';
import type { MiranteEnv } from '../../../functions/http/create-base-app.js';
import { PAGE_CSP } from '../../../functions/portal/content-security-policy.js';
import { ERASE_TEXT } from '../../../functions/portal/erase-text.js';
import {
  type AwsClients,
  createAwsClients,
  LOCAL_CREDENTIALS,
} from '../../../functions/shared/aws-clients.js';
import { rawTombstoneKey } from '../../../functions/shared/lake-layout.js';
import { silentLogger } from '../../../functions/shared/logger.js';
import { tombstoneKey } from '../../../functions/shared/table-keys.js';
import { closedPort } from '../feedback/embedded-servers.js';
import {
  expectProblem,
  type FeedbackHttpHarness,
  jsonHeaders,
  MINIMAL_BODY,
  RAISED_LIMITS,
  STAFF_TOKEN,
  startFeedbackHttp,
} from './feedback-http-harness.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let h: FeedbackHttpHarness;
let baseUrl: string;
const outageClients: AwsClients[] = [];

beforeAll(async () => {
  h = await startFeedbackHttp();
  baseUrl = await h.serve();
});
afterAll(async () => {
  for (const clients of outageClients) {
    clients.dynamo.destroy();
    clients.s3.destroy();
  }
  await h?.close();
});

/** The local app over the same stack with DynamoDB or S3 at a closed port. */
async function appWithout(service: 'dynamodb' | 's3'): Promise<OpenAPIHono<MiranteEnv>> {
  const closed = `http://127.0.0.1:${await closedPort()}`;
  const clients = createAwsClients({
    region: h.stack.config.region,
    dynamodbEndpoint: service === 'dynamodb' ? closed : h.stack.endpoints.dynamodb,
    s3Endpoint: service === 's3' ? closed : h.stack.endpoints.s3,
    credentials: { ...LOCAL_CREDENTIALS },
    maxAttempts: 1,
  });
  outageClients.push(clients);
  return createLocalApp({
    stack: { ...h.stack, clients },
    logger: silentLogger,
    staffToken: STAFF_TOKEN,
    feedbackLimits: RAISED_LIMITS,
  });
}

/** The parts of an HTML page the tests read. */
interface Page {
  readonly status: number;
  readonly text: string;
  readonly document: Document;
}

async function pageOf(res: Response): Promise<Page> {
  const text = await res.text();
  expect(res.headers.get('content-type'), text).toBe('text/html; charset=utf-8');
  expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return { status: res.status, text, document: parseHTML(text).document as unknown as Document };
}

/** Posts a form to the local app (`app.request`) or over real HTTP (`fetch`). */
function post(
  path: string,
  fields: Record<string, string> | string,
  via: 'app' | 'http' = 'app',
  app: OpenAPIHono<MiranteEnv> = h.app,
): Promise<Response> {
  const init = {
    method: 'POST',
    headers: FORM,
    body: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
  };
  return via === 'http'
    ? fetch(`${baseUrl}${path}`, init)
    : Promise.resolve(app.request(path, init));
}

/** Rates through the no-JavaScript form and returns the confirmation's erasure form. */
async function rateWithoutJs(
  key: string,
  via: 'app' | 'http' = 'app',
  lang = '',
): Promise<{ id: string; receipt: string; action: string; fields: Record<string, string> }> {
  const res = await post(
    `/avaliar${lang}`,
    {
      idempotencyKey: key,
      serviceId: 'iptu-2-via',
      rating: '2',
      outcome: 'gave_up',
      channel: 'telecentro',
      region: '',
      reason: '',
      comment: '',
      website: '',
    },
    via,
  );
  const page = await pageOf(res);
  expect(page.status, page.text).toBe(201);
  const form = page.document.querySelector('.confirmation form');
  const fields: Record<string, string> = {};
  for (const input of Array.from(form?.querySelectorAll('input') ?? [])) {
    fields[input.getAttribute('name') ?? ''] = input.getAttribute('value') ?? '';
  }
  const receipt = page.document.querySelector('.confirmation code.receipt')?.textContent ?? '';
  const id = /\/v1\/feedback\/([a-z2-7]{26})$/.exec(res.headers.get('location') ?? '')?.[1] ?? '';
  expect(id).toMatch(/^[a-z2-7]{26}$/);
  return { id, receipt, action: form?.getAttribute('action') ?? '', fields };
}

const itemAt = async (id: string) => (await h.feedbackItems()).find((i) => i.id === id);

const tombstoneItem = async (id: string) =>
  (
    await h.stack.clients.doc.send(
      new GetCommand({
        TableName: h.stack.config.tableName,
        Key: tombstoneKey(id),
        ConsistentRead: true,
      }),
    )
  ).Item;

async function tombstoneObject(id: string): Promise<unknown> {
  const out = await h.stack.clients.s3.send(
    new GetObjectCommand({ Bucket: h.stack.config.lakeBucket, Key: rawTombstoneKey(id) }),
  );
  return JSON.parse((await out.Body?.transformToString()) ?? '');
}

/** Asserts the rating is erased as `DELETE /v1/feedback/{id}` erases it. */
async function expectErased(id: string): Promise<void> {
  const marker = await itemAt(id);
  expect(Object.keys(marker ?? {}).sort()).toEqual(['deleted_at', 'id', 'pk', 'sk']);
  expect(await tombstoneObject(id)).toMatchObject({ id });
  expect(await tombstoneItem(id)).toMatchObject({ id, deleted_at: marker?.deleted_at });
}

/** The summary's message and checks, and which fields are marked invalid. */
function errorsOf(page: Page) {
  const summary = page.document.querySelector('.error-summary');
  return {
    message: summary?.querySelector('p')?.textContent,
    links: Array.from(summary?.querySelectorAll('a') ?? []).map((a) => a.getAttribute('href')),
    invalid: Array.from(page.document.querySelectorAll('[aria-invalid="true"]')).map((e) =>
      e.getAttribute('name'),
    ),
  };
}

describe('POST /avaliar/apagar (erasure without JavaScript)', () => {
  it('erases a rating made without JavaScript, over HTTP: 200 page, marker and tombstones', async () => {
    const rated = await rateWithoutJs('erase-form-http', 'http');
    expect(rated.action).toBe('/avaliar/apagar');
    expect(rated.fields).toEqual({ id: rated.id, receipt: rated.receipt });
    expect((await itemAt(rated.id))?.service_id).toBe('iptu-2-via');

    const page = await pageOf(await post(rated.action, rated.fields, 'http'));
    expect(page.status, page.text).toBe(200);
    expect(page.document.documentElement.getAttribute('lang')).toBe('pt-BR');
    expect(page.document.querySelector('.confirmation h2')?.textContent).toBe(
      ERASE_TEXT['pt-BR'].erasedTitle,
    );
    expect(page.document.querySelector('.confirmation')?.textContent).toContain(rated.id);
    expect(page.text).not.toContain(rated.receipt);
    await expectErased(rated.id);

    // The same erasure the API does: it has nothing left to erase.
    const again = await h.app.request(`/v1/feedback/${rated.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${rated.receipt}` },
    });
    await expectProblem(again, 404, 'not-found');
  });

  it('answers a second erasure with the 404 page, in the language of the form', async () => {
    const rated = await rateWithoutJs('erase-form-twice', 'app', '?lang=en');
    expect(rated.action).toBe('/avaliar/apagar?lang=en');
    const first = await pageOf(await post(rated.action, rated.fields));
    expect(first.status).toBe(200);
    expect(first.document.documentElement.getAttribute('lang')).toBe('en');
    const second = await pageOf(await post(rated.action, rated.fields));
    expect(second.status).toBe(404);
    expect(second.document.documentElement.getAttribute('lang')).toBe('en');
    expect(errorsOf(second)).toEqual({
      message: ERASE_TEXT.en.notFound,
      links: [],
      invalid: [],
    });
    await expectErased(rated.id);
  });

  it('gives a wrong receipt and an unknown id the same 404 page, and erases nothing', async () => {
    const rated = await rateWithoutJs('erase-form-wrong');
    const unknown = feedbackIdOf('public', 'never-rated');
    const wrongReceipt = receiptOf('someone-elses-key', rated.id);
    const guessedReceipt = receiptOf('someone-elses-key', unknown);
    const attempts = [
      { id: rated.id, receipt: wrongReceipt },
      { id: unknown, receipt: guessedReceipt },
      // Even with its real receipt (which nobody but the server could make) an unknown id is 404.
      { id: unknown, receipt: receiptOf(h.stack.secrets.receiptKey, unknown) },
      // The receipt of another, existing rating.
      { id: rated.id, receipt: receiptOf(h.stack.secrets.receiptKey, unknown) },
    ];
    const bodies = new Set<string>();
    for (const fields of attempts) {
      const page = await pageOf(await post('/avaliar/apagar', fields));
      expect(page.status).toBe(404);
      expect(page.document.getElementById('erase-id')?.getAttribute('value')).toBe(fields.id);
      expect(errorsOf(page).message).toBe(ERASE_TEXT['pt-BR'].notFound);
      const checks = page.document.querySelectorAll('.error-summary li');
      expect(checks.length).toBe(ERASE_TEXT['pt-BR'].notFoundChecks.length);
      // Apart from the values sent back, one page for every case.
      bodies.add(page.text.replaceAll(fields.id, 'ID').replaceAll(fields.receipt, 'RECEIPT'));
    }
    expect(bodies.size).toBe(1);
    expect((await itemAt(rated.id))?.service_id).toBe('iptu-2-via');
    expect(await tombstoneItem(rated.id)).toBeUndefined();
    expect(await tombstoneItem(unknown)).toBeUndefined();
  });

  it('answers malformed fields with a 400 page naming each one, and erases nothing', async () => {
    const rated = await rateWithoutJs('erase-form-malformed');
    const t = ERASE_TEXT['pt-BR'];
    const cases: [Record<string, string> | string, string[], string[]][] = [
      ['', ['#erase-id', '#erase-receipt'], [t.errors.idMissing, t.errors.receiptMissing]],
      [{ id: rated.id }, ['#erase-receipt'], [t.errors.receiptMissing]],
      [{ id: `${rated.id}0`, receipt: rated.receipt }, ['#erase-id'], [t.errors.idInvalid]],
      [
        { id: rated.id, receipt: `${rated.receipt}!` },
        ['#erase-receipt'],
        [t.errors.receiptInvalid],
      ],
      [
        `id=${rated.id}&id=${rated.id}&receipt=${rated.receipt}`,
        ['#erase-id'],
        [t.errors.idInvalid],
      ],
    ];
    for (const [fields, links, messages] of cases) {
      const page = await pageOf(await post('/avaliar/apagar', fields));
      const what = JSON.stringify(fields);
      expect(page.status, what).toBe(400);
      const errors = errorsOf(page);
      expect(errors.message, what).toBe(t.errors.invalid);
      expect(errors.links, what).toEqual(links);
      expect(errors.invalid, what).toEqual(links.map((l) => l.replace('#erase-', '')));
      expect(
        Array.from(page.document.querySelectorAll('.field-error')).map((e) => e.textContent),
        what,
      ).toEqual(messages);
    }
    expect((await itemAt(rated.id))?.service_id).toBe('iptu-2-via');
  });

  it('refuses a body that is not a form (415) or too large (413) as problems, never 5xx', async () => {
    await expectProblem(
      await h.app.request('/avaliar/apagar', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"id":"x"}',
      }),
      415,
      'unsupported-media-type',
    );
    await expectProblem(
      await post('/avaliar/apagar', { id: 'a'.repeat(5000), receipt: 'b' }, 'http'),
      413,
      'payload-too-large',
    );
  });

  it('answers 503 with Retry-After when DynamoDB is down; a retry then erases', async () => {
    const rated = await rateWithoutJs('erase-form-dynamodb-down');
    const res = await post(rated.action, rated.fields, 'app', await appWithout('dynamodb'));
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await pageOf(res);
    expect(page.status).toBe(503);
    expect(errorsOf(page).message).toBe(ERASE_TEXT['pt-BR'].errors.unavailable);
    expect(page.document.getElementById('erase-receipt')?.getAttribute('value')).toBe(
      rated.receipt,
    );
    expect((await itemAt(rated.id))?.service_id).toBe('iptu-2-via');
    expect((await pageOf(await post(rated.action, rated.fields))).status).toBe(200);
    await expectErased(rated.id);
  });

  it('answers 503 with Retry-After when S3 is down mid-erasure; a retry completes it', async () => {
    const rated = await rateWithoutJs('erase-form-s3-down');
    const res = await post(rated.action, rated.fields, 'app', await appWithout('s3'));
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await pageOf(res)).status).toBe(503);
    // The content is gone already (the marker), but the erasure is not committed yet.
    expect(await tombstoneItem(rated.id)).toBeUndefined();
    expect((await pageOf(await post(rated.action, rated.fields))).status).toBe(200);
    await expectErased(rated.id);
  });
});

describe('GET /avaliar/apagar and the privacy notice', () => {
  it('serves the empty erasure form, never cached, in each language', async () => {
    for (const [path, lang, action] of [
      ['/avaliar/apagar', 'pt-BR', '/avaliar/apagar'],
      ['/avaliar/apagar?lang=en', 'en', '/avaliar/apagar?lang=en'],
    ] as const) {
      const page = await pageOf(await fetch(`${baseUrl}${path}`));
      expect(page.status).toBe(200);
      expect(page.document.documentElement.getAttribute('lang')).toBe(lang);
      const form = page.document.querySelector('form.erase-form');
      expect(form?.getAttribute('action')).toBe(action);
      expect(form?.getAttribute('method')).toBe('post');
      expect(
        Array.from(form?.querySelectorAll('input') ?? []).map((i) => [
          i.getAttribute('name'),
          i.getAttribute('value'),
        ]),
      ).toEqual([
        ['id', ''],
        ['receipt', ''],
      ]);
    }
  });

  it('the privacy notice links to the erasure page and carries the form', async () => {
    for (const [query, action] of [
      ['', '/avaliar/apagar'],
      ['?lang=en', '/avaliar/apagar?lang=en'],
    ] as const) {
      const { document } = parseHTML(await (await h.app.request(`/privacidade${query}`)).text());
      expect(document.querySelector(`section[lang] a[href="${action}"]`)).not.toBeNull();
      const form = document.querySelector('form.erase-form');
      expect(form?.getAttribute('action')).toBe(action);
      expect(form?.querySelector('input[name="receipt"]')).not.toBeNull();
    }
  });

  it('erases through the form a rating made with the JSON API', async () => {
    const created = await h.app.request('/v1/feedback', {
      method: 'POST',
      headers: jsonHeaders('erase-form-after-json'),
      body: JSON.stringify(MINIMAL_BODY),
    });
    const { id, receipt } = (await created.json()) as { id: string; receipt: string };
    // As a citizen would paste it: the id in capitals, the receipt split over two lines.
    const page = await pageOf(
      await post('/avaliar/apagar', {
        id: id.toUpperCase(),
        receipt: `${receipt.slice(0, 21)}\r\n${receipt.slice(21)}`,
      }),
    );
    expect(page.status).toBe(200);
    await expectErased(id);
  });
});

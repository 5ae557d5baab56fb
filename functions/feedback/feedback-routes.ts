import { createRoute, type OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import { ProblemSchema } from '../http/problem-schema.js';
import { staffGuard } from '../http/staff-guard.js';
import { bearerToken, type StaffAuthSource } from '../shared/staff-auth.js';
import { type EraseFeedbackDeps, eraseFeedback } from './erase-feedback.js';
import {
  FEEDBACK_BATCH_MAX_BYTES,
  feedbackBatchRequestSchema,
  feedbackBatchResultSchema,
} from './feedback-batch-schema.js';
import { feedbackCreatedSchema, feedbackRequestSchema } from './feedback-schema.js';
import { type ImportFeedbackBatchDeps, importFeedbackBatch } from './import-feedback-batch.js';
import type { OriginVerifySecret } from './origin-verify.js';
import { FEEDBACK_MAX_BODY_BYTES, parseFeedbackRequest } from './parse-feedback-request.js';
import { readBodyUpTo } from './read-body-up-to.js';
import { requestClientAddress } from './request-client-address.js';
import { type SubmitFeedbackDeps, submitFeedback } from './submit-feedback.js';

/** What the feedback routes need. */
export interface FeedbackRouteDeps {
  readonly submit: SubmitFeedbackDeps;
  readonly erase: EraseFeedbackDeps;
  readonly importBatch: ImportFeedbackBatchDeps;
  readonly staffAuth: StaffAuthSource;
  /**
   * The values CloudFront may send in `X-Mirante-Origin-Verify`: only requests carrying one have
   * their `CloudFront-Viewer-Address` believed. Undefined: never believed (the local default).
   */
  readonly originVerify?: OriginVerifySecret | undefined;
}

const problems = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      {
        description: 'A problem (RFC 9457)',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  );

const postFeedbackRoute = createRoute({
  method: 'post',
  path: '/v1/feedback',
  summary: 'Rate a digital service',
  description:
    'Public. Requires an `Idempotency-Key` header (1–255 visible ASCII characters): the same key with the same body returns the same answer and stores one rating. Keep the `receipt`: it is the only way to erase the rating (see `/privacidade`).',
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(255) }),
    body: { required: true, content: { 'application/json': { schema: feedbackRequestSchema } } },
  },
  responses: {
    201: {
      description: 'Stored (or the same request replayed)',
      headers: z.object({ Location: z.string() }),
      content: { 'application/json': { schema: feedbackCreatedSchema } },
    },
    ...problems(400, 409, 410, 413, 415, 422, 429, 503),
  },
});

const deleteFeedbackRoute = createRoute({
  method: 'delete',
  path: '/v1/feedback/{id}',
  summary: 'Erase a rating (right to erasure)',
  description:
    'Send the receipt returned when the rating was made as `Authorization: Bearer <receipt>`. A wrong receipt and an unknown id both answer 404.',
  security: [{ receipt: [] }],
  request: { params: z.object({ id: z.string() }) },
  responses: {
    204: { description: 'Erased; gone from the published figures after the next computation' },
    ...problems(404, 503),
  },
});

const batchRoute = createRoute({
  method: 'post',
  path: '/v1/feedback/batch',
  summary: 'Import ratings collected offline (staff)',
  description:
    'Up to 10,000 rows or 5 MB, as a JSON array or CSV, each row with its own `idempotencyKey` and `collectedAt`. Reports accepted, duplicate and rejected rows by row number.',
  security: [{ staff: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': { schema: feedbackBatchRequestSchema },
        'text/csv': { schema: z.string() },
      },
    },
  },
  responses: {
    200: {
      description: 'Import report',
      content: { 'application/json': { schema: feedbackBatchResultSchema } },
    },
    ...problems(400, 401, 403, 413, 415, 503),
  },
});

/** Route definitions of the feedback function (documented by every surface). */
export const feedbackRouteDefinitions: readonly RouteConfig[] = [
  postFeedbackRoute,
  deleteFeedbackRoute,
  batchRoute,
];

/**
 * Registers the citizen feedback routes. The handlers only read the raw request, call the
 * feedback logic and map its answer; every check lives in the logic (one place for the HTTP
 * route, the no-JavaScript form and the tests).
 */
export function registerFeedbackRoutes(
  app: OpenAPIHono<MiranteEnv>,
  deps: FeedbackRouteDeps,
): void {
  for (const route of feedbackRouteDefinitions) app.openAPIRegistry.registerPath(route);

  app.post('/v1/feedback', async (c) => {
    const parsed = parseFeedbackRequest({
      contentType: c.req.header('content-type'),
      body: await readBodyUpTo(c.req.raw, FEEDBACK_MAX_BODY_BYTES),
      idempotencyKey: c.req.header('idempotency-key'),
    });
    const result = await submitFeedback(
      { ...deps.submit, logger: c.get('logger') },
      {
        ...parsed,
        clientIp: requestClientAddress(c, deps.originVerify),
      },
    );
    c.header('Location', `/v1/feedback/${result.body.id}`);
    c.header('Cache-Control', 'no-store');
    return c.json(result.body, 201);
  });

  app.delete('/v1/feedback/:id', async (c) => {
    await eraseFeedback(
      { ...deps.erase, logger: c.get('logger') },
      c.req.param('id'),
      bearerToken(c.req.header('authorization')),
    );
    return c.body(null, 204);
  });

  app.post('/v1/feedback/batch', staffGuard(deps.staffAuth), async (c) => {
    const result = await importFeedbackBatch(
      { ...deps.importBatch, logger: c.get('logger') },
      {
        contentType: c.req.header('content-type'),
        body: await readBodyUpTo(c.req.raw, FEEDBACK_BATCH_MAX_BYTES),
      },
    );
    return c.json(result, 200);
  });
}

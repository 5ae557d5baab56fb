import { createRoute, type OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DatasetDefinition } from '../datasets/dataset-definition.js';
import { DATASETS, getDataset } from '../datasets/datasets.js';
import { MAX_METRICS_BODY_BYTES, metricsBodyFormat } from '../datasets/parse-metrics-body.js';
import { isTransientAwsError } from '../feedback/aws-unavailable.js';
import type { MiranteEnv } from '../http/create-base-app.js';
import { ProblemSchema } from '../http/problem-schema.js';
import { rawBodyOf } from '../http/request-context.js';
import { staffGuard } from '../http/staff-guard.js';
import { ProblemError } from '../shared/problem.js';
import type { StaffAuthSource } from '../shared/staff-auth.js';
import { type ListMetricBatchesDeps, listMetricBatches } from './list-metric-batches.js';
import {
  batchIdSchema,
  datasetNameSchema,
  metricBatchAcceptedSchema,
  metricBatchListSchema,
  metricBatchSummarySchema,
} from './metrics-schemas.js';
import { type RetractMetricBatchDeps, retractMetricBatch } from './retract-metric-batch.js';
import { type SubmitMetricBatchDeps, submitMetricBatch } from './submit-metric-batch.js';

/** What the metrics routes need. */
export interface MetricsRouteDeps {
  readonly submit: SubmitMetricBatchDeps;
  readonly list: ListMetricBatchesDeps;
  readonly retract: RetractMetricBatchDeps;
  readonly staffAuth: StaffAuthSource;
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

const pascal = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, __: string, letter: string) => letter.toUpperCase());

/** The documented `POST /v1/metrics/<dataset>` of one dataset, with its own row schema. */
function postRoute(dataset: DatasetDefinition): RouteConfig {
  const key =
    dataset.replacementKey.length === 0
      ? 'A batch is the whole snapshot and replaces the previous one.'
      : `A batch replaces exactly the rows of the (${dataset.replacementKey.join(', ')}) values it contains.`;
  return createRoute({
    method: 'post',
    path: `/v1/metrics/${dataset.name}`,
    tags: ['Programme metrics (staff)'],
    summary: `Submit a batch of ${dataset.name} (${dataset.title.en})`,
    description: `${dataset.description} ${key} Staff only. CSV (\`,\` or \`;\`, UTF-8 with or without BOM, header \`${dataset.columns.join(',')}\`) or JSON \`{ "rows": [...] }\`, up to 5 MB (larger files: \`incoming/${dataset.name}/\` in the lake bucket). Atomic: any invalid row → 422 listing up to 100 row errors, nothing stored. Resubmitting the same rows returns the same batch id.`,
    security: [{ staff: [] }],
    request: {
      body: {
        required: true,
        content: {
          'text/csv': {
            schema: z.string().openapi({ example: `${dataset.columns.join(',')}\n…` }),
          },
          'application/json': {
            schema: z
              .object({ rows: z.array(dataset.rowSchema).min(1) })
              .openapi(`${pascal(dataset.name)}Batch`),
          },
        },
      },
    },
    responses: {
      201: {
        description: 'Stored as a new batch',
        headers: z.object({ Location: z.string() }),
        content: { 'application/json': { schema: metricBatchAcceptedSchema } },
      },
      200: {
        description: 'The same content was already stored: unchanged, or in force again',
        headers: z.object({ Location: z.string() }),
        content: { 'application/json': { schema: metricBatchAcceptedSchema } },
      },
      ...problems(400, 401, 403, 409, 413, 415, 422, 503),
    },
  });
}

const batchParams = z.object({ dataset: datasetNameSchema, batchId: batchIdSchema });

const listRoute = createRoute({
  method: 'get',
  path: '/v1/metrics/{dataset}/batches',
  tags: ['Programme metrics (staff)'],
  summary: 'List the batches of a dataset with their state',
  description:
    'Staff only. Every batch, newest activation first, with its state: `current`, `replaced` or `retracted`.',
  security: [{ staff: [] }],
  request: { params: z.object({ dataset: datasetNameSchema }) },
  responses: {
    200: {
      description: 'The batches',
      content: { 'application/json': { schema: metricBatchListSchema } },
    },
    ...problems(401, 403, 404, 503),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/metrics/{dataset}/batches/{batchId}',
  tags: ['Programme metrics (staff)'],
  summary: 'One batch with its state',
  security: [{ staff: [] }],
  request: { params: batchParams },
  responses: {
    200: {
      description: 'The batch',
      content: { 'application/json': { schema: metricBatchSummarySchema } },
    },
    ...problems(401, 403, 404, 503),
  },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/v1/metrics/{dataset}/batches/{batchId}',
  tags: ['Programme metrics (staff)'],
  summary: 'Retract a batch',
  description:
    'Staff only. The next compute drops its rows (where it was in force, the batch before it counts again); its rows stay in the lake for the audit trail. Retracting twice is harmless. Resubmitting the same content makes it current again.',
  security: [{ staff: [] }],
  request: { params: batchParams },
  responses: {
    204: { description: 'Retracted' },
    ...problems(401, 403, 404, 503),
  },
});

/** Route definitions of the metrics function (documented by every surface). */
export const metricsRouteDefinitions: readonly RouteConfig[] = [
  ...Object.values(DATASETS).map((d) => postRoute(d)),
  listRoute,
  getRoute,
  deleteRoute,
];

/** AWS outages become 503 with `Retry-After`; everything else passes unchanged. */
function unavailableIfTransient(error: unknown): unknown {
  if (error instanceof ProblemError || !isTransientAwsError(error)) return error;
  return new ProblemError('unavailable', {
    detail: 'The metrics store cannot be reached right now. Retry the same request.',
    retryAfter: 5,
  });
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unavailableIfTransient(error);
  }
}

/** Rejects an unknown dataset (404) and a media type other than CSV or JSON (415) early. */
const checkDatasetAndMediaType: MiddlewareHandler<MiranteEnv> = async (c, next) => {
  getDataset(c.req.param('dataset') ?? '');
  metricsBodyFormat(c.req.header('content-type'));
  await next();
};

const tooLarge = bodyLimit({
  maxSize: MAX_METRICS_BODY_BYTES,
  onError: () => {
    throw new ProblemError('payload-too-large', {
      detail: `The body is larger than ${MAX_METRICS_BODY_BYTES} bytes. Put larger files under incoming/<dataset>/ in the lake bucket.`,
    });
  },
});

const location = (dataset: string, batchId: string) => `/v1/metrics/${dataset}/batches/${batchId}`;

const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

/**
 * Registers the staff routes for programme metrics: submit a batch, list batches, read one,
 * retract one. Every route needs staff credentials (401/403 before anything else, also for an
 * unknown dataset); the handlers only map HTTP to the metrics logic.
 */
export function registerMetricsRoutes(app: OpenAPIHono<MiranteEnv>, deps: MetricsRouteDeps): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'staff', {
    type: 'http',
    scheme: 'bearer',
    description:
      'Staff credentials: locally the token of `.mirante/staff-token` (or MIRANTE_STAFF_TOKEN); on AWS a Cognito access token of a user in the staff group.',
  });
  for (const route of metricsRouteDefinitions) app.openAPIRegistry.registerPath(route);

  app.use('/v1/metrics/*', staffGuard(deps.staffAuth));

  app.post('/v1/metrics/:dataset', checkDatasetAndMediaType, tooLarge, async (c) => {
    const dataset = c.req.param('dataset');
    const result = await guarded(async () =>
      submitMetricBatch(
        { ...deps.submit, logger: c.get('logger') },
        {
          dataset,
          body: await rawBodyOf(c),
          contentType: c.req.header('content-type'),
          submitter: c.get('staff'),
        },
      ),
    );
    c.header('Location', location(result.dataset, result.batchId));
    noStore(c);
    return c.json(
      {
        dataset: result.dataset,
        batchId: result.batchId,
        rows: result.rows,
        outcome: result.outcome,
        replaced: result.replaced,
        activatedAt: result.activatedAt,
      },
      result.outcome === 'created' ? 201 : 200,
    );
  });

  app.get('/v1/metrics/:dataset/batches', async (c) => {
    const dataset = getDataset(c.req.param('dataset'));
    const data = await guarded(() => listMetricBatches(deps.list, dataset));
    noStore(c);
    return c.json({
      data,
      meta: { dataset: dataset.name, kind: dataset.kind, count: data.length },
    });
  });

  app.get('/v1/metrics/:dataset/batches/:batchId', async (c) => {
    const dataset = getDataset(c.req.param('dataset'));
    const batchId = c.req.param('batchId');
    const batch = (await guarded(() => listMetricBatches(deps.list, dataset))).find(
      (b) => b.batchId === batchId,
    );
    if (!batch) {
      throw new ProblemError('not-found', { detail: `No batch ${batchId} in ${dataset.name}.` });
    }
    noStore(c);
    return c.json(batch);
  });

  app.delete('/v1/metrics/:dataset/batches/:batchId', async (c) => {
    const dataset = getDataset(c.req.param('dataset'));
    await guarded(() =>
      retractMetricBatch(
        { ...deps.retract, logger: c.get('logger') },
        dataset.name,
        c.req.param('batchId'),
      ),
    );
    return c.body(null, 204);
  });
}

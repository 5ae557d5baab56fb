import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import { problemResponse } from '../http/problem-schema.js';
import { latestCacheControl } from './cache-control.js';
import { findManifest } from './find-manifest.js';
import type { ReadRoutesDeps } from './read-routes-deps.js';
import { honoPath, pathParam } from './route-path.js';
import {
  CacheHeadersSchema,
  COMMON_ERRORS,
  LangParameterSchema,
  NOT_MODIFIED,
} from './route-responses.js';
import { IndicatorResultSchema } from './schemas/indicator-result-schema.js';
import { serveIndicatorResult } from './serve-indicator-result.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The query parameters of a result: period bounds, language and the dimension filters. */
export const IndicatorQuerySchema = z.object({
  from: z
    .string()
    .regex(MONTH)
    .optional()
    .openapi({ description: 'First month included, YYYY-MM', example: '2025-01' }),
  to: z
    .string()
    .regex(MONTH)
    .optional()
    .openapi({ description: 'Last month included, YYYY-MM', example: '2025-12' }),
  lang: LangParameterSchema,
  dimensions: z
    .record(z.string(), z.string())
    .optional()
    .openapi({
      param: { name: 'dimensions', in: 'query', style: 'form', explode: true },
      description:
        'One parameter per declared dimension of the indicator (see `dimensions` in `GET /v1/indicators`), comma-separated for several values: `?region=pampulha&channel=web,app`. `_T` selects totals, `_U` unknown. An unknown parameter or value is a 400 naming the valid ones.',
      example: { region: 'pampulha', channel: 'web,app' },
    }),
});

const IdParamsSchema = z.object({
  id: z.string().min(1).openapi({ example: 'user-satisfaction' }),
});

const CsvHeadersSchema = CacheHeadersSchema.extend({
  'Content-Disposition': z.string().openapi({
    example: 'attachment; filename="user-satisfaction-3f2a9c0d1e4b5a6c.csv"',
  }),
});

const indicatorRoute = createRoute({
  method: 'get',
  path: '/v1/indicators/{id}',
  tags: ['Indicators'],
  summary: 'The latest published result of an indicator',
  description:
    '`{ indicator, receipt, data }`: the metadata in the requested language (methodology, `minCell`, labels of the dimension values present), the receipt of how it was computed, and the result rows (snake_case keys, equal to the CSV header). JSON by default; CSV with `Accept: text/csv`.',
  request: { params: IdParamsSchema, query: IndicatorQuerySchema },
  responses: {
    200: {
      description: 'The latest published result',
      headers: CacheHeadersSchema,
      content: {
        'application/json': { schema: IndicatorResultSchema },
        'text/csv': { schema: z.string().openapi({ description: 'RFC 4180 CSV, header row' }) },
      },
    },
    304: NOT_MODIFIED,
    ...COMMON_ERRORS,
    404: problemResponse('No indicator with this id is published (`suggestions` lists close ids)'),
    406: problemResponse('Neither JSON nor CSV is acceptable'),
  },
});

const indicatorCsvRoute = createRoute({
  method: 'get',
  path: '/v1/indicators/{id}.csv',
  tags: ['Indicators'],
  summary: 'The latest published result of an indicator, as CSV',
  description:
    'RFC 4180 CSV (UTF-8, CRLF, header row), the same rows as the JSON `data`, with a file name in `Content-Disposition`. Same filters as the JSON route.',
  request: { params: IdParamsSchema, query: IndicatorQuerySchema },
  responses: {
    200: {
      description: 'The rows as CSV',
      headers: CsvHeadersSchema,
      content: { 'text/csv': { schema: z.string() } },
    },
    304: NOT_MODIFIED,
    ...COMMON_ERRORS,
    404: problemResponse('No indicator with this id is published'),
  },
});

/** Route definitions of the latest results (for documentation by other surfaces). */
export const indicatorResultRouteDefinitions = [indicatorRoute, indicatorCsvRoute];

/**
 * Registers `GET /v1/indicators/{id}` and `GET /v1/indicators/{id}.csv`: the latest published
 * result, filtered, as JSON or CSV (one handler: the `.csv` suffix is part of the id segment).
 */
export function registerIndicatorResultRoutes(
  app: OpenAPIHono<MiranteEnv>,
  deps: ReadRoutesDeps,
): void {
  app.openAPIRegistry.registerPath(indicatorRoute);
  app.openAPIRegistry.registerPath(indicatorCsvRoute);
  const cacheControl = latestCacheControl(deps.config);
  app.get(honoPath(indicatorRoute.path), async (c) => {
    const segment = pathParam(c, 'id');
    const csvSuffix = segment.endsWith('.csv');
    const id = csvSuffix ? segment.slice(0, -4) : segment;
    const manifest = await findManifest(deps.store, id);
    return serveIndicatorResult(c, deps, {
      location: manifest,
      csvSuffix,
      cacheControl,
      isCurrent: () => deps.store.peekManifest(id) === manifest,
    });
  });
}

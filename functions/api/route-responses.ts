import { z } from '@hono/zod-openapi';
import { problemResponse } from '../http/problem-schema.js';

/** Headers of a cacheable response (documented on every 200 and 304 of the read API). */
export const CacheHeadersSchema = z.object({
  ETag: z.string().openapi({ description: 'Strong entity tag of this representation' }),
  'Cache-Control': z.string().openapi({
    example: 'public, max-age=300, stale-while-revalidate=3600',
  }),
  'Last-Modified': z.string().optional().openapi({ description: 'When the data was computed' }),
  'X-Request-Id': z.string().openapi({ description: 'Quote it when reporting a problem' }),
});

/** The 304 of a conditional GET. */
export const NOT_MODIFIED = {
  description: 'Not modified: the entity tag in `If-None-Match` still matches',
  headers: CacheHeadersSchema,
} as const;

/** Error responses every read route can give. */
export const COMMON_ERRORS = {
  400: problemResponse('An unknown query parameter or an invalid value (`invalid-parameter`)'),
  500: problemResponse('Unexpected error (quote the request id)'),
} as const;

/** The `lang` query parameter. */
export const LangParameterSchema = z.enum(['pt-BR', 'en']).optional().openapi({
  description:
    'Language of titles, descriptions, methodology and labels: pt-BR (default) or en (`pt`, `en-GB`… also accepted). Without it, `Accept-Language` decides.',
});

import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { MiranteEnv } from '../http/create-base-app.js';
import { strongEtag } from '../http/entity-tag.js';
import { problemResponse } from '../http/problem-schema.js';
import type { Logger } from '../shared/logger.js';
import { ProblemError } from '../shared/problem.js';
import { DOCS_CSP, DOCS_CSS, DOCS_INIT_JS, DOCS_PAGE } from './docs/docs-page.js';
import {
  type ResolveModule,
  readSwaggerUiFile,
  SWAGGER_UI_FILES,
  type SwaggerUiFile,
} from './docs/swagger-ui-assets.js';
import { type Representation, representation } from './representation.js';
import { honoPath, pathParam } from './route-path.js';
import { NOT_MODIFIED } from './route-responses.js';
import { sendRepresentation } from './send-representation.js';

const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'docs-init.js', 'docs.css'] as const;
type Asset = (typeof ASSETS)[number];

const docsRoute = createRoute({
  method: 'get',
  path: '/docs',
  tags: ['Documentation'],
  summary: 'Interactive API documentation (Swagger UI, served from this API: no CDN)',
  responses: {
    200: {
      description: 'The documentation page',
      content: { 'text/html': { schema: z.string() } },
    },
    304: NOT_MODIFIED,
  },
});

const assetRoute = createRoute({
  method: 'get',
  path: '/docs/{asset}',
  tags: ['Documentation'],
  summary: 'A script or stylesheet of the documentation page',
  request: { params: z.object({ asset: z.enum(ASSETS) }) },
  responses: {
    200: {
      description: 'The file',
      content: {
        'text/css': { schema: z.string() },
        'text/javascript': { schema: z.string() },
      },
    },
    304: NOT_MODIFIED,
    404: problemResponse('No such file'),
    503: problemResponse('The documentation files are not installed with this deployment'),
  },
});

/** Route definitions of the documentation (for documentation by other surfaces). */
export const docsRouteDefinitions = [docsRoute, assetRoute];

/** Options of {@link registerDocsRoutes}. */
export interface DocsRoutesOptions {
  /** How `swagger-ui-dist` files are found (tests inject a failing one). */
  readonly resolve?: ResolveModule | undefined;
}

const ASSET_CACHE = 'public, max-age=86400';

/**
 * Registers `/docs` (Swagger UI over `/openapi.json`) and its assets. Everything is served by the
 * API itself — Swagger UI's files from the installed `swagger-ui-dist` package, read once at the
 * first request — so the page works offline and on a closed network; a strict CSP allows scripts
 * and styles from this origin only. `/docs/` redirects to `/docs`.
 */
export function registerDocsRoutes(
  app: OpenAPIHono<MiranteEnv>,
  options: DocsRoutesOptions = {},
): void {
  app.openAPIRegistry.registerPath(docsRoute);
  app.openAPIRegistry.registerPath(assetRoute);
  const built = new Map<Asset | 'page', Representation>();
  const make = (name: Asset | 'page', body: string, contentType: string, extra = {}) => {
    let found = built.get(name);
    if (!found) {
      found = representation(body, {
        etag: strongEtag('docs', name, body),
        contentType,
        cacheControl: name === 'page' ? 'public, max-age=300' : ASSET_CACHE,
        headers: extra,
      });
      built.set(name, found);
    }
    return found;
  };
  const swaggerFile = (file: SwaggerUiFile, logger: Logger): Representation => {
    const hit = built.get(file);
    if (hit) return hit;
    let body: string;
    try {
      body = readSwaggerUiFile(file, options.resolve);
    } catch (error) {
      logger.error('swagger-ui-dist is not installed beside the API', {
        file,
        error: error instanceof Error ? error.message : String(error),
      });
      throw new ProblemError('unavailable', {
        detail:
          'The interactive documentation is not installed here; the API is described at /openapi.json.',
      });
    }
    return make(file, body, SWAGGER_UI_FILES[file]);
  };

  app.get(docsRoute.path, (c) =>
    sendRepresentation(
      c,
      make('page', DOCS_PAGE, 'text/html; charset=utf-8', { 'Content-Security-Policy': DOCS_CSP }),
    ),
  );
  app.get('/docs/', (c: Context) => c.redirect('../docs', 301));
  app.get(honoPath(assetRoute.path), (c) => {
    const asset = pathParam(c, 'asset');
    switch (asset) {
      case 'swagger-ui.css':
      case 'swagger-ui-bundle.js':
        return sendRepresentation(c, swaggerFile(asset, c.get('logger')));
      case 'docs-init.js':
        return sendRepresentation(c, make(asset, DOCS_INIT_JS, 'text/javascript; charset=utf-8'));
      case 'docs.css':
        return sendRepresentation(c, make(asset, DOCS_CSS, 'text/css; charset=utf-8'));
      default:
        throw new ProblemError('not-found', {
          detail: `No documentation file '${asset}'. The files are: ${ASSETS.join(', ')}.`,
        });
    }
  });
}

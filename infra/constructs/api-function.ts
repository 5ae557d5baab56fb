import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { SWAGGER_UI_FILES } from '../../functions/api/docs/swagger-ui-assets.js';
import { rawMetricsPrefix } from '../../functions/shared/lake-layout.js';
import { MiranteFunction } from './mirante-function.js';
import type { RouteSpec } from './mirante-http-api.js';
import type { MirantePlatform } from './mirante-platform.js';

/** Lake prefix of everything published (indicator versions, the DCAT catalogue). */
const PUBLISHED = 'published/';

/**
 * The public, read-only routes the api function serves (the portal's pages among them), for GET
 * and HEAD (HTTP API routes are per method; CORS preflights are answered by the HTTP API itself).
 */
export const API_ROUTES: readonly RouteSpec[] = [
  '/',
  '/avaliar',
  '/avaliar/apagar',
  '/privacidade',
  '/assets/{proxy+}',
  '/healthz',
  '/openapi.json',
  '/docs',
  '/docs/{proxy+}',
  '/v1/indicators',
  '/v1/indicators/{proxy+}',
  '/v1/services',
  '/v1/services/{proxy+}',
  '/v1/catalog',
  '/embed/{proxy+}',
].flatMap((path) => [
  { method: HttpMethod.GET, path },
  { method: HttpMethod.HEAD, path },
]);

/** Package files the docs page serves from the bundle (functions/api/docs/swagger-ui-assets.ts). */
export const API_PACKAGE_FILES = { 'swagger-ui-dist': Object.keys(SWAGGER_UI_FILES) } as const;

/**
 * Modules the api function bundles apart and loads on first use: the chart renderer (Plot and
 * linkedom are most of the bundle, and most requests draw no chart).
 */
export const API_LAZY_MODULES = ['functions/portal/render-chart-svg.ts'] as const;

/**
 * The public read API (functions/api/handler.ts): the portal, OpenAPI, indicators, services and
 * the catalogue. Read-only by construction: it may read the table, the published/ objects and
 * the service catalogue's batches, and nothing else. Its bundle carries queries/ (indicator
 * metadata and dimension labels), the two Swagger UI files of the docs page, and the chart
 * renderer as a file of its own (API_LAZY_MODULES).
 */
export class ApiFunction extends MiranteFunction {
  constructor(scope: Construct, id: string, platform: MirantePlatform) {
    super(scope, id, {
      defaults: platform.functionDefaults,
      entry: 'functions/api/handler.ts',
      description: 'Mirante public read API (read-only)',
      memorySize: 1024,
      timeout: Duration.seconds(10),
      copyFolders: ['queries'],
      packageFiles: API_PACKAGE_FILES,
      lazyModules: API_LAZY_MODULES,
    });
    this.useTable(platform.storage.table);
    this.useLake(platform.storage.lake, { read: [PUBLISHED, rawMetricsPrefix('services')] });
    // Absolute links (DCAT catalogue, OpenAPI servers) use the public URL, not the origin's.
    this.addEnvironment('MIRANTE_PUBLIC_URL', platform.edge.url);
    this.addEnvironment('MIRANTE_CORS_ORIGINS', platform.config.allowedOrigins.join(','));
    platform.httpApi.addPublicRoutes(this, API_ROUTES);
  }
}

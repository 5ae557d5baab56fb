import type { Context } from 'hono';
import { strongEtag } from '../http/entity-tag.js';
import { negotiateMediaType } from '../http/negotiate-media-type.js';
import type { Manifest } from '../publish/manifest.js';
import { rowColumns } from '../publish/row-columns.js';
import { rowsToCsv } from '../publish/rows-to-csv.js';
import { ProblemError } from '../shared/problem.js';
import { filterRows } from './filter-rows.js';
import { indicatorView } from './indicator-view.js';
import { resolveLanguage } from './language.js';
import { filtersKey, parseIndicatorFilters } from './parse-indicator-filters.js';
import { publicBaseUrl, publicLinks } from './public-links.js';
import type { ReadRoutesDeps } from './read-routes-deps.js';
import { representation } from './representation.js';
import type { IndicatorResult } from './schemas/indicator-result-schema.js';
import { sendRepresentation } from './send-representation.js';
import { catalogueFingerprint, serviceNameLabels } from './service-directory.js';

/** Media type of the JSON representation of a result. */
export const JSON_TYPE = 'application/json';
/** Media type of the CSV representation of a result. */
export const CSV_TYPE = 'text/csv';

/** What {@link serveIndicatorResult} serves. */
export interface ServeIndicatorResultOptions {
  /** The version to serve (the manifest for the latest, a version record otherwise). */
  readonly location: Pick<Manifest, 'indicatorId' | 'version' | 'jsonKey' | 'computedAt'>;
  /** True when the path asked for CSV (`.csv` suffix); otherwise `Accept` decides. */
  readonly csvSuffix: boolean;
  readonly cacheControl: string;
  /** Whether `location` is still what this route serves (keeps front-cache entries honest). */
  readonly isCurrent: () => boolean;
}

/**
 * Serves one published result of an indicator as `{ indicator, receipt, data }` JSON (in the
 * request's language) or as RFC 4180 CSV (same rows, `Content-Disposition: attachment`), with its
 * filters applied, a strong entity tag and conditional GET. Each representation is built once and
 * then served from memory; a repeated identical request (same query string and negotiation
 * headers) skips parsing too.
 */
export async function serveIndicatorResult(
  c: Context,
  deps: ReadRoutesDeps,
  options: ServeIndicatorResultOptions,
): Promise<Response> {
  const { location } = options;
  const document = await deps.store.document(location);
  const registry = await deps.registry();
  const dynamic = document.indicator.dimensions.some((d) => registry.dimensions[d]?.dynamic);
  const services = dynamic ? await deps.services() : undefined;
  const catalogue = services ? catalogueFingerprint(services) : '';
  const base = publicBaseUrl(c, deps.config);
  const accept = c.req.header('accept');
  const acceptLanguage = c.req.header('accept-language');
  const url = c.req.url;
  const queryAt = url.indexOf('?');
  const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
  // The served record (manifest or version record) scopes the alias: version, computation time
  // and route are the record's; the rest of what decides the bytes is in the alias.
  const alias = `${options.csvSuffix ? 'csv' : ''}\u0000${accept}\u0000${acceptLanguage}\u0000${deps.config.publicUrl ? '' : base}\u0000${catalogue}\u0000${query}`;
  const known = deps.representations.recall(location, alias);
  if (known) {
    if (!services) deps.frontCache?.remember(c.req.raw, known, options.isCurrent);
    return sendRepresentation(c, known);
  }

  const format = options.csvSuffix ? CSV_TYPE : negotiateMediaType(accept, [JSON_TYPE, CSV_TYPE]);
  if (!format) {
    throw new ProblemError('not-acceptable', {
      detail: `This resource is available as ${JSON_TYPE} or ${CSV_TYPE}.`,
    });
  }
  const language = resolveLanguage(c.req.query('lang'), acceptLanguage);
  const filters = parseIndicatorFilters(document, c.req.queries(), { registry });
  const csv = format === CSV_TYPE;
  const key = [
    'result',
    location.indicatorId,
    location.version,
    location.computedAt,
    format,
    csv ? '' : language,
    csv ? '' : base,
    csv ? '' : catalogue,
    filtersKey(filters),
    options.cacheControl,
  ].join('|');

  const found = await deps.representations.get(key, () => {
    const rows = filterRows(document.data, filters);
    const common = {
      etag: strongEtag(key),
      cacheControl: options.cacheControl,
      lastModified: location.computedAt,
    };
    if (csv) {
      return representation(rowsToCsv(rowColumns(document.indicator), rows), {
        ...common,
        contentType: 'text/csv; charset=utf-8; header=present',
        headers: {
          'Content-Disposition': `attachment; filename="${location.indicatorId}-${location.version}.csv"`,
          Vary: 'Accept, Accept-Language',
        },
      });
    }
    const result: IndicatorResult = {
      indicator: indicatorView({
        indicator: document.indicator,
        version: location.version,
        computedAt: location.computedAt,
        language,
        registry,
        rows,
        dynamicLabels: services ? serviceNameLabels(services) : undefined,
        links: publicLinks(base),
      }),
      receipt: { ...document.receipt, inputs: [...document.receipt.inputs] },
      data: [...rows],
    };
    return representation(JSON.stringify(result), {
      ...common,
      contentType: 'application/json; charset=utf-8',
      headers: { 'Content-Language': language, Vary: 'Accept, Accept-Language' },
    });
  });
  deps.representations.remember(location, alias, found);
  // Service names can change without a new version: only results without them are replayed.
  if (!services) deps.frontCache?.remember(c.req.raw, found, options.isCurrent);
  return sendRepresentation(c, found);
}

import { z } from '@hono/zod-openapi';

/** The DCAT-AP 3 catalogue in JSON-LD (its context inline). */
export const DcatCatalogSchema = z
  .object({
    '@context': z.record(z.string(), z.unknown()),
    '@id': z.string(),
    '@type': z.literal('dcat:Catalog'),
    'dcat:dataset': z.array(
      z.object({ '@id': z.string(), '@type': z.literal('dcat:Dataset') }).catchall(z.unknown()),
    ),
  })
  .catchall(z.unknown())
  .openapi('DcatCatalog', {
    description:
      'A DCAT-AP 3 catalogue in JSON-LD, its context inline (it expands offline): one dcat:Dataset per published indicator with JSON and CSV distributions.',
  });

import { describe, expect, it } from 'vitest';
import { CC_BY_4 } from '../../../functions/api/api-config.js';
import {
  buildDcatCatalog,
  DCAT_CONTEXT,
  lastDayOf,
} from '../../../functions/api/build-dcat-catalog.js';
import { publicLinks } from '../../../functions/api/public-links.js';

const config = {
  license: CC_BY_4,
  publisher: { name: 'Prefeitura', url: 'https://prefeitura.example' },
  contact: { name: 'Dados', email: undefined, url: undefined },
};

describe('buildDcatCatalog', () => {
  it('is a catalogue with an inline context and no datasets when nothing is published', () => {
    const catalog = buildDcatCatalog({
      entries: [],
      links: publicLinks('https://api.example'),
      config,
    });
    expect(catalog['@context']).toBe(DCAT_CONTEXT);
    expect(
      Object.values(DCAT_CONTEXT).every(
        (iri) =>
          iri.startsWith('http://www.w3.org/') ||
          iri.startsWith('http://purl.org/') ||
          iri.startsWith('http://xmlns.com/'),
      ),
    ).toBe(true);
    expect(catalog['dcat:dataset']).toEqual([]);
    expect(catalog['dct:modified']).toBeUndefined();
    expect(catalog['dct:publisher']).toEqual({
      '@id': 'https://prefeitura.example',
      '@type': 'foaf:Agent',
      'foaf:name': 'Prefeitura',
    });
  });
});

describe('lastDayOf', () => {
  it.each([
    ['2025-01', '2025-01-31'],
    ['2024-02', '2024-02-29'],
    ['2025-02', '2025-02-28'],
    ['2025-04', '2025-04-30'],
    ['2025-12', '2025-12-31'],
  ])('%s → %s', (month, day) => {
    expect(lastDayOf(month)).toBe(day);
  });
});

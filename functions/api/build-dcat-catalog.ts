import type { Bilingual } from '../indicators/indicator-metadata.js';
import type { IndicatorDocument } from '../publish/indicator-document.js';
import type { Manifest } from '../publish/manifest.js';
import type { ApiConfig } from './api-config.js';
import { indicatorFacets } from './indicator-facets.js';
import type { PublicLinks } from './public-links.js';

/**
 * The inline JSON-LD context of the catalogue: prefixes only, so the document expands offline
 * (no remote context) and every term is a DCAT-AP 3 / Dublin Core / FOAF / vCard IRI.
 */
export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const EU = 'http://publications.europa.eu/resource/authority/';
const IANA = 'http://www.iana.org/assignments/media-types/';

/** EU frequency authority codes for the metadata's `frequency`. */
const FREQUENCY: Record<string, string> = {
  continuous: 'UPDATE_CONT',
  daily: 'DAILY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  yearly: 'ANNUAL',
};

/** EU data themes for Mirante's themes. */
const DATA_THEME: Record<string, string> = {
  services: 'GOVE',
  wifi: 'TECH',
  devices: 'TECH',
  telecentros: 'SOCI',
  skills: 'EDUC',
};

/** One published indicator: its manifest and latest document. */
export interface DcatEntry {
  readonly manifest: Manifest;
  readonly document: IndicatorDocument;
}

/** What {@link buildDcatCatalog} needs. */
export interface DcatInput {
  readonly entries: readonly DcatEntry[];
  readonly links: PublicLinks;
  readonly config: Pick<ApiConfig, 'license' | 'publisher' | 'contact'>;
}

const text = (b: Bilingual) => [
  { '@value': b['pt-BR'], '@language': 'pt-BR' },
  { '@value': b.en, '@language': 'en' },
];
const iri = (id: string) => ({ '@id': id });
const dateTime = (instant: string) => ({ '@value': instant, '@type': 'xsd:dateTime' });
const date = (day: string) => ({ '@value': day, '@type': 'xsd:date' });

/**
 * The DCAT-AP 3 catalogue of the published indicators, in JSON-LD with its context inline: a
 * `dcat:Catalog` with one `dcat:Dataset` per indicator (bilingual title and description,
 * keywords, theme, temporal coverage, `dct:modified`, publisher, licence, contact point,
 * frequency, methodology as provenance) and, for each, a JSON and a CSV `dcat:Distribution` with
 * download URL, media type and format; plus the API as a `dcat:DataService`. CKAN's DCAT
 * harvester reads it.
 */
export function buildDcatCatalog(input: DcatInput): Record<string, unknown> {
  const { links, config } = input;
  const publisher = {
    '@id': config.publisher.url ?? `${links.base}/#publisher`,
    '@type': 'foaf:Agent',
    'foaf:name': config.publisher.name,
  };
  const contactPoint = {
    '@type': 'vcard:Organization',
    'vcard:fn': config.contact.name,
    ...(config.contact.email ? { 'vcard:hasEmail': iri(`mailto:${config.contact.email}`) } : {}),
    'vcard:hasURL': iri(config.contact.url ?? links.docs()),
  };
  const license = { '@id': config.license, '@type': 'dct:LicenseDocument' };
  const languages = [iri(`${EU}language/POR`), iri(`${EU}language/ENG`)];
  const datasets = input.entries.map(({ manifest, document }) => {
    const m = document.indicator;
    const periods = indicatorFacets(document).periods;
    const first = periods[0];
    const last = periods[periods.length - 1];
    const distribution = (format: 'JSON' | 'CSV', url: string, mediaType: string) => ({
      '@id': `${links.indicator(m.id)}#${format.toLowerCase()}`,
      '@type': 'dcat:Distribution',
      'dct:title': text({
        'pt-BR': `${m.title['pt-BR']} (${format})`,
        en: `${m.title.en} (${format})`,
      }),
      'dcat:accessURL': iri(url),
      'dcat:downloadURL': iri(url),
      'dcat:mediaType': iri(`${IANA}${mediaType}`),
      'dct:format': iri(`${EU}file-type/${format}`),
      'dct:license': license,
      'dct:modified': dateTime(manifest.computedAt),
    });
    return {
      '@id': links.indicator(m.id),
      '@type': 'dcat:Dataset',
      'dct:identifier': m.id,
      'dct:title': text(m.title),
      'dct:description': text(m.description),
      'dcat:keyword': [...m.keywords],
      'dcat:theme': iri(`${EU}data-theme/${DATA_THEME[m.theme] ?? 'GOVE'}`),
      'dct:language': languages,
      'dct:publisher': publisher,
      'dcat:contactPoint': contactPoint,
      'dct:license': license,
      'dct:modified': dateTime(manifest.computedAt),
      'dct:accrualPeriodicity': iri(`${EU}frequency/${FREQUENCY[m.frequency] ?? 'IRREG'}`),
      'dcat:version': manifest.version,
      'dct:provenance': {
        '@type': 'dct:ProvenanceStatement',
        'rdfs:label': text(m.methodology),
      },
      ...(first && last
        ? {
            'dct:temporal': {
              '@type': 'dct:PeriodOfTime',
              'dcat:startDate': date(`${first}-01`),
              'dcat:endDate': date(lastDayOf(last)),
            },
          }
        : {}),
      'dcat:distribution': [
        distribution('JSON', links.indicator(m.id), 'application/json'),
        distribution('CSV', links.indicatorCsv(m.id), 'text/csv'),
      ],
    };
  });
  const modified = input.entries.reduce<string | undefined>(
    (latest, e) => (!latest || e.manifest.computedAt > latest ? e.manifest.computedAt : latest),
    undefined,
  );
  return {
    '@context': DCAT_CONTEXT,
    '@id': links.dcat(),
    '@type': 'dcat:Catalog',
    'dct:title': text({
      'pt-BR': 'Mirante — indicadores de serviços digitais e inclusão digital',
      en: 'Mirante — digital services and digital inclusion indicators',
    }),
    'dct:description': text({
      'pt-BR':
        'Indicadores publicados pela cidade com metodologia e recibo de cálculo: satisfação e conclusão dos serviços, Wi-Fi público, equipamentos doados, telecentros e capacitação digital.',
      en: "The city's published indicators with their methodology and computation receipts: service satisfaction and completion, public Wi-Fi, donated devices, telecentros and digital skills.",
    }),
    'dct:publisher': publisher,
    'dct:license': license,
    'dct:language': languages,
    'foaf:homepage': iri(`${links.base}/`),
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    'dcat:service': {
      '@id': `${links.base}/#api`,
      '@type': 'dcat:DataService',
      'dct:title': text({ 'pt-BR': 'API do Mirante', en: 'Mirante API' }),
      'dcat:endpointURL': iri(`${links.base}/`),
      'dcat:endpointDescription': iri(`${links.base}/openapi.json`),
      'dcat:servesDataset': input.entries.map((e) => iri(links.indicator(e.document.indicator.id))),
    },
    'dcat:dataset': datasets,
  };
}

/** The last day of a `YYYY-MM` month, `YYYY-MM-DD`. */
export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

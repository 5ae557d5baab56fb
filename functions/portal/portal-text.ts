import type { IndicatorMetadata } from '../indicators/indicator-metadata.js';
import type { PortalLanguage } from './portal-language.js';

/** A theme of indicators (the portal groups cards by theme, in this order). */
export type Theme = IndicatorMetadata['theme'];

/** The order of the themes on the page. */
export const THEME_ORDER: readonly Theme[] = [
  'services',
  'wifi',
  'devices',
  'telecentros',
  'skills',
];

/** Every piece of interface text of the portal, in one language. */
export interface PortalText {
  readonly siteName: string;
  readonly portalTitle: string;
  readonly portalIntro: string;
  readonly skipToContent: string;
  readonly navIndicators: string;
  readonly navRate: string;
  readonly navPrivacy: string;
  readonly navApi: string;
  readonly switchLanguage: string;
  readonly themes: Readonly<Record<Theme, string>>;
  readonly themesNav: string;
  readonly filtersTitle: string;
  readonly filterRegion: string;
  readonly filterAllRegions: string;
  readonly filterFrom: string;
  readonly filterTo: string;
  readonly filterAnyPeriod: string;
  readonly filterApply: string;
  readonly filtersApplied: string;
  readonly filterClear: string;
  readonly filterNotApplicable: (dimension: string) => string;
  readonly filterInvalid: string;
  readonly noIndicators: string;
  readonly noData: string;
  readonly headlineOf: (period: string) => string;
  readonly partial: string;
  readonly trendVs: (delta: string, period: string) => string;
  readonly trendNone: string;
  readonly trendUp: string;
  readonly trendDown: string;
  readonly trendFlat: string;
  readonly chartOf: (title: string) => string;
  readonly chartOpen: string;
  readonly tableSummary: (period: string) => string;
  readonly tableCaption: (title: string, breakdown: string, period: string) => string;
  readonly tableTotal: string;
  readonly seriesCaption: (title: string) => string;
  readonly tableMore: (count: number) => string;
  readonly fullCsv: string;
  readonly suppressed: string;
  readonly suppressedNote: (minCell: number) => string;
  readonly partialNote: string;
  readonly valueColumn: string;
  readonly period: string;
  readonly methodology: string;
  readonly receiptTitle: string;
  readonly receiptVersion: string;
  readonly receiptSql: string;
  readonly receiptInputs: string;
  readonly receiptInputsSummary: (objects: number, rows: string) => string;
  readonly receiptInputsMore: (count: number) => string;
  readonly receiptCode: string;
  readonly receiptPrivacyTitle: string;
  readonly receiptPrivacy: (minCell: number, primary: number, complementary: number) => string;
  readonly receiptNoSuppression: string;
  readonly receiptRows: string;
  readonly receiptSources: string;
  readonly downloads: string;
  readonly downloadCsv: string;
  readonly downloadJson: string;
  readonly embed: string;
  readonly lastUpdated: string;
  readonly footer: string;
  readonly chartNoData: string;
  readonly chartGapsNote: (minCell: number) => string;
  readonly chartPartialNote: string;
  readonly chartPartialDesc: string;
  readonly chartOmitted: (count: number) => string;
  readonly chartFrom: (
    first: string,
    firstPeriod: string,
    last: string,
    lastPeriod: string,
  ) => string;
  readonly chartRange: (min: string, minPeriod: string, max: string, maxPeriod: string) => string;
  readonly chartAt: (period: string) => string;
  readonly chartSuppressedPeriods: (count: number, minCell: number) => string;
  readonly embedSource: string;
}

const pt: PortalText = {
  siteName: 'Mirante',
  portalTitle: 'Inclusão digital e serviços públicos em números',
  portalIntro:
    'Indicadores da Prefeitura sobre serviços digitais, satisfação dos cidadãos, Wi-Fi público, ' +
    'equipamentos doados, telecentros e capacitação digital. Cada número traz o método de cálculo ' +
    'e os dados para baixar.',
  skipToContent: 'Pular para o conteúdo',
  navIndicators: 'Indicadores',
  navRate: 'Avaliar um serviço',
  navPrivacy: 'Privacidade',
  navApi: 'API de dados',
  switchLanguage: 'English',
  themes: {
    services: 'Serviços e satisfação',
    wifi: 'Wi-Fi público',
    devices: 'Equipamentos doados',
    telecentros: 'Telecentros',
    skills: 'Capacitação digital',
  },
  themesNav: 'Temas',
  filtersTitle: 'Filtrar',
  filterRegion: 'Regional',
  filterAllRegions: 'Toda a cidade',
  filterFrom: 'De',
  filterTo: 'Até',
  filterAnyPeriod: 'Qualquer mês',
  filterApply: 'Aplicar filtros',
  filtersApplied: 'Filtros aplicados.',
  filterClear: 'Limpar filtros',
  filterNotApplicable: (d) =>
    `Este indicador não tem recorte por ${d.toLowerCase()}: mostra toda a cidade.`,
  filterInvalid: 'Um dos filtros não é válido e foi ignorado.',
  noIndicators: 'Nenhum indicador foi publicado ainda.',
  noData: 'Sem dados para esta seleção.',
  headlineOf: (p) => `em ${p}`,
  partial: 'parcial',
  trendVs: (delta, p) => `${delta} em relação a ${p}`,
  trendNone: 'Sem comparação com o período anterior.',
  trendUp: 'Subiu',
  trendDown: 'Caiu',
  trendFlat: 'Estável',
  chartOf: (t) => `Gráfico: ${t}`,
  chartOpen: 'Abrir o gráfico (SVG)',
  tableSummary: (p) => `Tabela de dados (${p})`,
  tableCaption: (t, b, p) => `${t} por ${b.toLowerCase()}, ${p}`,
  tableTotal: 'Total',
  seriesCaption: (title) => `${title}, mês a mês`,
  tableMore: (n) => `Mais ${n} ${n === 1 ? 'linha' : 'linhas'} no CSV completo.`,
  fullCsv: 'CSV completo',
  suppressed: 'suprimido',
  suppressedNote: (m) =>
    `— = suprimido para proteger a privacidade: menos de ${m} respostas, ou oculto para que outra célula suprimida não possa ser calculada.`,
  partialNote: '* mês em curso, dados parciais.',
  valueColumn: 'Valor',
  period: 'Mês',
  methodology: 'Metodologia',
  receiptTitle: 'Como este número foi calculado',
  receiptVersion: 'Versão publicada',
  receiptSql: 'SHA-256 da consulta SQL',
  receiptInputs: 'Dados de entrada',
  receiptInputsSummary: (o, r) => `${o} ${o === 1 ? 'arquivo' : 'arquivos'}, ${r} linhas`,
  receiptInputsMore: (n) => `e mais ${n} (lista completa no JSON)`,
  receiptCode: 'Versão do código',
  receiptPrivacy: (m, p, c) =>
    `Células com menos de ${m} respostas suprimidas: ${p}; supressão complementar: ${c}.`,
  receiptPrivacyTitle: 'Regra de privacidade',
  receiptNoSuppression: 'Este indicador conta coisas, não pessoas: nenhuma célula é suprimida.',
  receiptRows: 'Linhas publicadas',
  receiptSources: 'Fontes',
  downloads: 'Baixar os dados',
  downloadCsv: 'CSV',
  downloadJson: 'JSON',
  embed: 'Incorporar',
  lastUpdated: 'Atualizado em',
  footer:
    'Mirante — dados abertos sob licença CC BY 4.0. Números com poucas respostas são suprimidos para proteger a privacidade.',
  chartNoData: 'Sem dados para esta seleção.',
  chartGapsNote: (m) => `Lacunas: suprimido (menos de ${m} respostas)`,
  chartPartialNote: 'Ponto vazado: mês em curso (parcial)',
  chartPartialDesc: 'O último mês ainda está em curso (dados parciais).',
  chartOmitted: (n) => `e mais ${n} categorias`,
  chartFrom: (a, pa, b, pb) => `De ${a} em ${pa} a ${b} em ${pb}.`,
  chartRange: (a, pa, b, pb) => `Mínimo ${a} (${pa}), máximo ${b} (${pb}).`,
  chartAt: (p) => `Em ${p}:`,
  chartSuppressedPeriods: (n, m) =>
    n === 1
      ? `1 valor suprimido (menos de ${m} respostas), mostrado como lacuna.`
      : `${n} valores suprimidos (menos de ${m} respostas), mostrados como lacunas.`,
  embedSource: 'Fonte: Mirante — Portal da Transparência',
};

const en: PortalText = {
  siteName: 'Mirante',
  portalTitle: 'Digital inclusion and public services in figures',
  portalIntro:
    "The city's indicators on digital services, citizen satisfaction, public Wi-Fi, donated " +
    'devices, telecentros and digital skills. Every figure comes with how it was computed and ' +
    'the data to download.',
  skipToContent: 'Skip to content',
  navIndicators: 'Indicators',
  navRate: 'Rate a service',
  navPrivacy: 'Privacy',
  navApi: 'Data API',
  switchLanguage: 'Português',
  themes: {
    services: 'Services and satisfaction',
    wifi: 'Public Wi-Fi',
    devices: 'Donated devices',
    telecentros: 'Telecentros',
    skills: 'Digital skills',
  },
  themesNav: 'Themes',
  filtersTitle: 'Filter',
  filterRegion: 'Region',
  filterAllRegions: 'Whole city',
  filterFrom: 'From',
  filterTo: 'To',
  filterAnyPeriod: 'Any month',
  filterApply: 'Apply filters',
  filtersApplied: 'Filters applied.',
  filterClear: 'Clear filters',
  filterNotApplicable: (d) =>
    `This indicator has no ${d.toLowerCase()} breakdown: it shows the whole city.`,
  filterInvalid: 'One of the filters is not valid and was ignored.',
  noIndicators: 'No indicator has been published yet.',
  noData: 'No data for this selection.',
  headlineOf: (p) => `in ${p}`,
  partial: 'partial',
  trendVs: (delta, p) => `${delta} compared with ${p}`,
  trendNone: 'No comparison with the previous period.',
  trendUp: 'Up',
  trendDown: 'Down',
  trendFlat: 'Unchanged',
  chartOf: (t) => `Chart: ${t}`,
  chartOpen: 'Open the chart (SVG)',
  tableSummary: (p) => `Data table (${p})`,
  tableCaption: (t, b, p) => `${t} by ${b.toLowerCase()}, ${p}`,
  tableTotal: 'Total',
  seriesCaption: (title) => `${title}, month by month`,
  tableMore: (n) => `${n} more ${n === 1 ? 'row' : 'rows'} in the full CSV.`,
  fullCsv: 'Full CSV',
  suppressed: 'suppressed',
  suppressedNote: (m) =>
    `— = suppressed to protect privacy: fewer than ${m} responses, or hidden so that another suppressed cell cannot be derived.`,
  partialNote: '* current month, partial data.',
  valueColumn: 'Value',
  period: 'Month',
  methodology: 'Methodology',
  receiptTitle: 'How was this computed',
  receiptVersion: 'Published version',
  receiptSql: 'SHA-256 of the SQL query',
  receiptInputs: 'Input data',
  receiptInputsSummary: (o, r) => `${o} ${o === 1 ? 'file' : 'files'}, ${r} rows`,
  receiptInputsMore: (n) => `and ${n} more (full list in the JSON)`,
  receiptCode: 'Code version',
  receiptPrivacy: (m, p, c) =>
    `Cells with fewer than ${m} responses suppressed: ${p}; complementary suppression: ${c}.`,
  receiptPrivacyTitle: 'Privacy rule',
  receiptNoSuppression: 'This indicator counts things, not people: no cell is suppressed.',
  receiptRows: 'Published rows',
  receiptSources: 'Sources',
  downloads: 'Download the data',
  downloadCsv: 'CSV',
  downloadJson: 'JSON',
  embed: 'Embed',
  lastUpdated: 'Last updated',
  footer:
    'Mirante — open data under the CC BY 4.0 licence. Figures resting on few responses are suppressed to protect privacy.',
  chartNoData: 'No data for this selection.',
  chartGapsNote: (m) => `Gaps: suppressed (fewer than ${m} responses)`,
  chartPartialNote: 'Hollow point: current month (partial)',
  chartPartialDesc: 'The last month is still under way (partial data).',
  chartOmitted: (n) => `and ${n} more categories`,
  chartFrom: (a, pa, b, pb) => `From ${a} in ${pa} to ${b} in ${pb}.`,
  chartRange: (a, pa, b, pb) => `Lowest ${a} (${pa}), highest ${b} (${pb}).`,
  chartAt: (p) => `In ${p}:`,
  chartSuppressedPeriods: (n, m) =>
    `${n} suppressed ${n === 1 ? 'value' : 'values'} (fewer than ${m} responses), shown as gaps.`,
  embedSource: 'Source: Mirante — Transparency Portal',
};

/** The portal's interface text in each language. */
export const PORTAL_TEXT: Readonly<Record<PortalLanguage, PortalText>> = { 'pt-BR': pt, en };

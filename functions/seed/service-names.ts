import type { ServiceCategory } from '../datasets/column-types.js';
import type { DIGITAL_LEVELS } from '../datasets/services.js';

/** A text in Portuguese and English. */
export interface NamePair {
  readonly pt: string;
  readonly en: string;
}

/** A hand-written flagship service of a category (the demo city's best-known services). */
export interface FlagshipService extends NamePair {
  readonly category: ServiceCategory;
  readonly digitalLevel: (typeof DIGITAL_LEVELS)[number];
}

/**
 * The twelve flagship services, `svc-0001` … `svc-0012`, the most used ones. `svc-0002`
 * (business licence) is the service redesigned in the demo city; `svc-0003` and `svc-0006`
 * are clearly worse rated.
 */
export const FLAGSHIP_SERVICES: readonly FlagshipService[] = [
  {
    category: 'tributos',
    digitalLevel: 'full',
    pt: 'Emissão de IPTU 2ª via',
    en: 'Property tax (IPTU) bill copy',
  },
  {
    category: 'licenciamento',
    digitalLevel: 'full',
    pt: 'Alvará de localização e funcionamento',
    en: 'Business location and operating licence',
  },
  {
    category: 'saude',
    digitalLevel: 'partial',
    pt: 'Marcação de consulta em centro de saúde',
    en: 'Booking an appointment at a health centre',
  },
  {
    category: 'transporte',
    digitalLevel: 'full',
    pt: 'Recarga e 2ª via do cartão BHBus',
    en: 'BHBus card top-up and replacement',
  },
  {
    category: 'educacao',
    digitalLevel: 'full',
    pt: 'Matrícula na rede municipal de ensino',
    en: 'Enrolment in municipal schools',
  },
  {
    category: 'urbanismo',
    digitalLevel: 'full',
    pt: 'Solicitação de poda de árvore',
    en: 'Tree pruning request',
  },
  {
    category: 'assistencia-social',
    digitalLevel: 'partial',
    pt: 'Atualização do Cadastro Único',
    en: 'Single Registry (CadÚnico) update',
  },
  {
    category: 'documentos',
    digitalLevel: 'full',
    pt: 'Certidão negativa de débitos municipais',
    en: 'Municipal tax clearance certificate',
  },
  {
    category: 'meio-ambiente',
    digitalLevel: 'full',
    pt: 'Agendamento de coleta de volumosos',
    en: 'Bulky waste collection booking',
  },
  {
    category: 'trabalho',
    digitalLevel: 'full',
    pt: 'Cadastro no Sine BH',
    en: 'Registration at the Sine BH job centre',
  },
  {
    category: 'habitacao',
    digitalLevel: 'partial',
    pt: 'Inscrição em programa habitacional',
    en: 'Application for a housing programme',
  },
  {
    category: 'cultura',
    digitalLevel: 'full',
    pt: 'Inscrição em oficinas culturais',
    en: 'Sign-up for cultural workshops',
  },
];

/** An action applied to a subject; `digitalBias` nudges how likely such a service is online. */
export interface ServiceAction {
  readonly pt: (subject: string) => string;
  readonly en: (subject: string) => string;
  readonly digitalBias: number;
}

/** The actions composed with each category's subjects into service names. */
export const SERVICE_ACTIONS: readonly ServiceAction[] = [
  { pt: (s) => `Solicitar ${s}`, en: (s) => `Request ${s}`, digitalBias: 0 },
  {
    pt: (s) => `Consultar andamento de ${s}`,
    en: (s) => `Track the status of ${s}`,
    digitalBias: 0.3,
  },
  {
    pt: (s) => `Cancelar pedido de ${s}`,
    en: (s) => `Cancel a request for ${s}`,
    digitalBias: 0.1,
  },
  {
    pt: (s) => `Recorrer de decisão sobre ${s}`,
    en: (s) => `Appeal a decision on ${s}`,
    digitalBias: -0.2,
  },
  { pt: (s) => `Emitir comprovante de ${s}`, en: (s) => `Get proof of ${s}`, digitalBias: 0.3 },
  { pt: (s) => `Atualizar dados de ${s}`, en: (s) => `Update details for ${s}`, digitalBias: 0.1 },
  {
    pt: (s) => `Agendar atendimento sobre ${s}`,
    en: (s) => `Book an appointment about ${s}`,
    digitalBias: -0.4,
  },
  { pt: (s) => `Informações sobre ${s}`, en: (s) => `Information on ${s}`, digitalBias: 0.35 },
  {
    pt: (s) => `Registrar reclamação sobre ${s}`,
    en: (s) => `Complain about ${s}`,
    digitalBias: 0.1,
  },
  {
    pt: (s) => `Segunda via de documento de ${s}`,
    en: (s) => `Copy of documents for ${s}`,
    digitalBias: 0.2,
  },
  {
    pt: (s) => `Enviar documentos de ${s}`,
    en: (s) => `Send documents for ${s}`,
    digitalBias: 0.05,
  },
  {
    pt: (s) => `Acompanhar prazo de ${s}`,
    en: (s) => `Check deadlines for ${s}`,
    digitalBias: 0.2,
  },
];

const pairs = (list: readonly (readonly [string, string])[]): NamePair[] =>
  list.map(([pt, en]) => ({ pt, en }));

/** Per category: its weight in the catalogue, how digital it tends to be, and its subjects. */
export const CATEGORY_TEMPLATES: Readonly<
  Record<ServiceCategory, { weight: number; digitalBias: number; subjects: readonly NamePair[] }>
> = {
  saude: {
    weight: 1.2,
    digitalBias: -0.15,
    subjects: pairs([
      ['vacinação em domicílio', 'home vaccination'],
      ['consulta especializada', 'a specialist appointment'],
      ['exame laboratorial', 'a laboratory test'],
      ['cartão SUS', 'the SUS health card'],
      ['medicamento de alto custo', 'high-cost medicine'],
      ['transporte sanitário', 'patient transport'],
      ['vigilância sanitária de estabelecimento', 'a health inspection of a business'],
      ['controle de zoonoses', 'zoonosis control'],
      ['atendimento odontológico', 'dental care'],
      ['atendimento em saúde mental', 'mental health care'],
      ['fisioterapia', 'physiotherapy'],
      ['visita de combate à dengue', 'a dengue prevention visit'],
      ['castração de cães e gatos', 'dog and cat neutering'],
      ['farmácia distrital', 'the district pharmacy'],
    ]),
  },
  educacao: {
    weight: 1,
    digitalBias: 0.1,
    subjects: pairs([
      ['vaga em escola municipal', 'a place at a municipal school'],
      ['vaga em EMEI', 'a place at a municipal preschool (EMEI)'],
      ['transferência escolar', 'a school transfer'],
      ['transporte escolar', 'school transport'],
      ['histórico escolar', 'a school transcript'],
      ['educação de jovens e adultos', 'adult education (EJA)'],
      ['Escola Integrada', 'the full-time school programme'],
      ['alimentação escolar especial', 'special school meals'],
      ['uniforme escolar', 'a school uniform'],
      ['bolsa de estudo', 'a study grant'],
      ['apoio de acessibilidade na escola', 'accessibility support at school'],
      ['declaração de matrícula', 'an enrolment statement'],
      ['caixa escolar', 'the school fund'],
    ]),
  },
  tributos: {
    weight: 1.1,
    digitalBias: 0.3,
    subjects: pairs([
      ['parcelamento de IPTU', 'an IPTU instalment plan'],
      ['isenção de IPTU', 'an IPTU exemption'],
      ['restituição de ITBI', 'an ITBI refund'],
      ['certidão de valor venal', 'an assessed value certificate'],
      ['revisão de lançamento de IPTU', 'an IPTU assessment review'],
      ['inscrição municipal de ISSQN', 'ISS taxpayer registration'],
      ['nota fiscal de serviços eletrônica', 'electronic service invoices'],
      ['negociação de dívida ativa', 'a tax debt settlement'],
      ['taxa de coleta de resíduos', 'the waste collection fee'],
      ['compensação de créditos tributários', 'a tax credit offset'],
      ['guia de ITBI', 'an ITBI payment slip'],
      ['ISS do microempreendedor', 'ISS for micro-entrepreneurs'],
      ['domicílio tributário eletrônico', 'the electronic tax address'],
    ]),
  },
  urbanismo: {
    weight: 1.1,
    digitalBias: 0.05,
    subjects: pairs([
      ['capina de passeio', 'sidewalk weeding'],
      ['tapa-buraco', 'pothole repair'],
      ['iluminação pública', 'street lighting'],
      ['limpeza de terreno', 'vacant lot clearing'],
      ['numeração de imóvel', 'property numbering'],
      ['retirada de entulho', 'rubble removal'],
      ['manutenção de praça', 'square maintenance'],
      ['reparo de calçada', 'pavement repair'],
      ['desobstrução de bueiro', 'storm drain clearing'],
      ['placa de rua', 'street signs'],
      ['parcelamento do solo', 'land subdivision'],
      ['informação básica de imóvel', 'basic property information'],
      ['uso de espaço público', 'use of public space'],
    ]),
  },
  transporte: {
    weight: 0.9,
    digitalBias: 0.05,
    subjects: pairs([
      ['vale-transporte social', 'the social transport voucher'],
      ['gratuidade no transporte para idosos', 'free transport for older people'],
      ['passe estudantil', 'a student pass'],
      ['credencial de estacionamento para idosos', 'a parking permit for older people'],
      ['credencial de estacionamento para PcD', 'a disabled parking permit'],
      ['multa de trânsito', 'a traffic fine'],
      ['licença de táxi', 'a taxi licence'],
      ['transporte escolar credenciado', 'licensed school transport'],
      ['estacionamento rotativo digital', 'digital street parking'],
      ['ponto de ônibus', 'a bus stop'],
      ['linha de ônibus', 'a bus route'],
      ['semáforo com defeito', 'a faulty traffic light'],
      ['autorização de carga e descarga', 'a loading and unloading permit'],
    ]),
  },
  'assistencia-social': {
    weight: 1,
    digitalBias: -0.2,
    subjects: pairs([
      ['Programa Maior Cuidado', 'the Greater Care programme'],
      ['Bolsa Família', 'Bolsa Família'],
      ['benefício de prestação continuada', 'the continuous cash benefit (BPC)'],
      ['cesta básica emergencial', 'an emergency food basket'],
      ['acolhimento institucional', 'a shelter placement'],
      ['atendimento no CRAS', 'support at a social assistance centre (CRAS)'],
      ['auxílio funeral', 'funeral assistance'],
      ['abordagem social', 'street outreach'],
      ['restaurante popular', 'the community restaurant'],
      ['carteira da pessoa idosa', "an older person's card"],
      ['benefício eventual', 'an occasional benefit'],
      ['serviço de convivência', 'a community living service'],
      ['apoio à pessoa com deficiência', 'disability support'],
    ]),
  },
  'meio-ambiente': {
    weight: 0.8,
    digitalBias: 0,
    subjects: pairs([
      ['licença ambiental', 'an environmental licence'],
      ['descarte irregular de lixo', 'illegal dumping'],
      ['coleta seletiva', 'recycling collection'],
      ['poluição sonora', 'noise pollution'],
      ['supressão de árvore', 'tree removal'],
      ['ponto de entrega voluntária', 'a recycling drop-off point'],
      ['maus-tratos a animais', 'animal cruelty'],
      ['plantio de mudas', 'tree planting'],
      ['coleta de óleo de cozinha', 'used cooking oil collection'],
      ['queimada urbana', 'urban burning'],
      ['resíduos de construção', 'construction waste'],
      ['adoção de área verde', 'green area adoption'],
    ]),
  },
  cultura: {
    weight: 0.7,
    digitalBias: 0,
    subjects: pairs([
      ['Virada Cultural', 'the Virada Cultural festival'],
      ['lei de incentivo à cultura', 'the culture incentive law'],
      ['uso de teatro municipal', 'use of a municipal theatre'],
      ['biblioteca pública', 'the public library'],
      ['patrimônio cultural', 'cultural heritage'],
      ['evento em espaço público', 'an event in a public space'],
      ['carnaval de rua', 'the street carnival'],
      ['centro cultural', 'a cultural centre'],
      ['edital de cultura', 'a culture grant call'],
      ['museu municipal', 'the municipal museum'],
      ['feira de artesanato', 'a craft fair stall'],
      ['festival de inverno', 'the winter festival'],
    ]),
  },
  trabalho: {
    weight: 0.7,
    digitalBias: 0,
    subjects: pairs([
      ['oficina de currículo', 'a CV workshop'],
      ['seguro-desemprego', 'unemployment insurance'],
      ['carteira de trabalho digital', 'the digital work card'],
      ['curso de qualificação profissional', 'vocational training'],
      ['microcrédito', 'microcredit'],
      ['feira de empregos', 'a job fair'],
      ['registro de MEI', 'micro-entrepreneur registration'],
      ['licença de ambulante', 'a street vendor licence'],
      ['estágio na prefeitura', 'an internship at City Hall'],
      ['economia solidária', 'the solidarity economy'],
      ['programa primeiro emprego', 'the first job programme'],
      ['intermediação de mão de obra', 'job matching'],
    ]),
  },
  habitacao: {
    weight: 0.7,
    digitalBias: -0.15,
    subjects: pairs([
      ['Minha Casa Minha Vida', 'the My House My Life programme'],
      ['regularização fundiária', 'land tenure regularisation'],
      ['bolsa moradia', 'the housing allowance'],
      ['vistoria de área de risco', 'a risk area inspection'],
      ['reforma de moradia', 'home improvement'],
      ['escritura de imóvel', 'a property deed'],
      ['reassentamento', 'resettlement'],
      ['locação social', 'social rent'],
      ['urbanização de vila', 'slum upgrading'],
      ['cadastro habitacional', 'the housing registry'],
      ['assistência técnica em moradia', 'technical housing assistance'],
      ['aluguel emergencial', 'emergency rent'],
    ]),
  },
  licenciamento: {
    weight: 1,
    digitalBias: 0.15,
    subjects: pairs([
      ['alvará de construção', 'a building permit'],
      ['habite-se', 'an occupancy certificate'],
      ['licença de publicidade', 'an advertising licence'],
      ['licença de mesas e cadeiras', 'a pavement café licence'],
      ['alvará sanitário', 'a health licence'],
      ['licença de evento', 'an event licence'],
      ['licença de obra em via pública', 'a street works permit'],
      ['aprovação de projeto arquitetônico', 'architectural plan approval'],
      ['licença de feira', 'a market licence'],
      ['certidão de baixa de construção', 'a completion certificate'],
      ['licença de engenho publicitário', 'a billboard licence'],
      ['licença de caçamba', 'a skip permit'],
      ['consulta prévia de viabilidade', 'a zoning pre-check'],
    ]),
  },
  documentos: {
    weight: 0.9,
    digitalBias: 0.25,
    subjects: pairs([
      ['certidão de regularidade de obra', 'a building regularity certificate'],
      ['certidão de tempo de serviço', 'a service record certificate'],
      ['protocolo geral', 'general filing'],
      ['pedido de acesso à informação', 'a freedom of information request'],
      ['certidão de numeração', 'an address certificate'],
      ['cópia de processo administrativo', 'a copy of an administrative case file'],
      ['declaração de residência', 'a proof of residence statement'],
      ['autenticação de documento', 'document authentication'],
      ['manifestação na ouvidoria', 'an ombudsman case'],
      ['publicação no Diário Oficial', 'an official gazette notice'],
      ['contracheque de servidor', "a civil servant's payslip"],
      ['certidão de uso do solo', 'a land use certificate'],
      ['carteira funcional', 'a staff ID card'],
    ]),
  },
};

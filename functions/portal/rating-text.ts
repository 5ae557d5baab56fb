import type { OUTCOMES } from '../feedback/feedback-schema.js';
import type { PortalLanguage } from './portal-language.js';

/** The interface text of the rating page, in one language. */
export interface RatingText {
  readonly title: string;
  readonly intro: string;
  readonly privacyLink: string;
  readonly service: string;
  readonly serviceHint: string;
  readonly servicePlaceholder: string;
  readonly rating: string;
  readonly ratingLabels: readonly [string, string, string, string, string];
  readonly outcome: string;
  readonly outcomeLabels: Readonly<Record<(typeof OUTCOMES)[number], string>>;
  readonly channel: string;
  readonly region: string;
  readonly reason: string;
  readonly optional: string;
  readonly notSaying: string;
  readonly comment: string;
  readonly commentHint: (max: string) => string;
  readonly honeypot: string;
  readonly submit: string;
  readonly errorTitle: string;
  readonly errors: {
    readonly serviceId: string;
    readonly unknownService: string;
    readonly rating: string;
    readonly outcome: string;
    readonly channel: string;
    readonly region: string;
    readonly reason: string;
    readonly comment: string;
    readonly invalid: string;
    readonly busy: string;
    readonly unavailable: string;
    readonly reused: string;
  };
  readonly doneTitle: string;
  readonly doneThanks: string;
  readonly receipt: string;
  readonly receiptKeep: string;
  readonly ratingId: string;
  readonly deleteTitle: string;
  /** How to erase now (the button) or later (the erasure page, linked by `deleteLater`). */
  readonly deleteNow: string;
  readonly deleteLater: string;
  readonly deleteHow: string;
  readonly deleteMore: string;
  readonly eraseButton: string;
  readonly erased: string;
  readonly rateAnother: string;
}

const pt: RatingText = {
  title: 'Avalie um serviço da Prefeitura',
  intro:
    'Sua avaliação é anônima: não pedimos nome, CPF, e-mail nem telefone. Ela ajuda a melhorar os serviços e entra nos indicadores publicados neste portal.',
  privacyLink: 'Como tratamos os seus dados (aviso de privacidade)',
  service: 'Qual serviço você usou?',
  serviceHint:
    'Os serviços estão agrupados por área. Digite as primeiras letras para ir mais rápido.',
  servicePlaceholder: 'Escolha o serviço',
  rating: 'De 1 a 5, qual a sua satisfação com o serviço?',
  ratingLabels: [
    '1 — Muito insatisfeito',
    '2 — Insatisfeito',
    '3 — Nem satisfeito nem insatisfeito',
    '4 — Satisfeito',
    '5 — Muito satisfeito',
  ],
  outcome: 'Você conseguiu concluir o que precisava?',
  outcomeLabels: {
    completed: 'Sim, concluí',
    not_eligible: 'Não: descobri que não tinha direito ao serviço',
    failed: 'Não: o serviço apresentou um problema',
    gave_up: 'Não: desisti',
  },
  channel: 'Por qual canal você usou o serviço?',
  region: 'Em qual regional você mora?',
  reason: 'O que mais influenciou a sua nota?',
  optional: '(opcional)',
  notSaying: 'Prefiro não informar',
  comment: 'Quer contar mais?',
  commentHint: (max) =>
    `Até ${max} caracteres. Não escreva dados pessoais: CPF, telefone, e-mail e CEP são apagados antes de guardar.`,
  honeypot: 'Não preencha este campo',
  submit: 'Enviar avaliação',
  errorTitle: 'Há um problema',
  errors: {
    serviceId: 'Escolha o serviço que você usou.',
    unknownService: 'Esse serviço não está na carta de serviços. Escolha um serviço da lista.',
    rating: 'Escolha uma nota de 1 a 5.',
    outcome: 'Diga se você conseguiu concluir o que precisava.',
    channel: 'Escolha o canal que você usou.',
    region: 'Escolha uma regional da lista.',
    reason: 'Escolha um motivo da lista.',
    comment:
      'O comentário pode ter no máximo 1.250 caracteres e não pode ter caracteres de controle.',
    invalid: 'Não foi possível enviar a avaliação. Confira os campos marcados.',
    busy: 'Muitas avaliações foram enviadas desta rede agora. Espere um minuto e envie de novo.',
    unavailable:
      'O registro de avaliações está indisponível no momento. Espere alguns instantes e envie de novo: sua avaliação não será contada duas vezes.',
    reused: 'Este formulário já foi usado para outra avaliação. Confira os campos e envie de novo.',
  },
  doneTitle: 'Obrigado! Sua avaliação foi registrada.',
  doneThanks: 'Ela entra nos indicadores de satisfação no próximo cálculo.',
  receipt: 'Seu comprovante',
  receiptKeep:
    'Guarde este comprovante: ele não fica armazenado em lugar nenhum e é a única forma de apagar a sua avaliação, já que não sabemos quem você é.',
  ratingId: 'Número da avaliação',
  deleteTitle: 'Como apagar a sua avaliação',
  deleteNow:
    'Use o botão abaixo para apagar esta avaliação agora. Depois, com o número e o comprovante, você pode apagá-la na página',
  deleteLater: 'Apagar uma avaliação',
  deleteHow:
    'Programas também podem enviar um pedido DELETE para o endereço da avaliação com o comprovante no cabeçalho Authorization. Por exemplo, com o curl:',
  deleteMore: 'Saiba mais no aviso de privacidade.',
  eraseButton: 'Apagar esta avaliação agora',
  erased: 'Sua avaliação foi apagada. Ela sai dos indicadores no próximo cálculo.',
  rateAnother: 'Avaliar outro serviço',
};

const en: RatingText = {
  title: "Rate one of the city's services",
  intro:
    'Your rating is anonymous: we never ask for your name, CPF, e-mail or phone number. It helps improve the services and feeds the indicators published on this portal.',
  privacyLink: 'How we handle your data (privacy notice)',
  service: 'Which service did you use?',
  serviceHint: 'Services are grouped by area. Type the first letters to jump ahead.',
  servicePlaceholder: 'Choose the service',
  rating: 'From 1 to 5, how satisfied are you with the service?',
  ratingLabels: [
    '1 — Very dissatisfied',
    '2 — Dissatisfied',
    '3 — Neither satisfied nor dissatisfied',
    '4 — Satisfied',
    '5 — Very satisfied',
  ],
  outcome: 'Were you able to do what you needed?',
  outcomeLabels: {
    completed: 'Yes, I did it',
    not_eligible: "No: I found out I wasn't eligible",
    failed: 'No: the service had a problem',
    gave_up: 'No: I gave up',
  },
  channel: 'Which channel did you use?',
  region: 'Which region do you live in?',
  reason: 'What most influenced your rating?',
  optional: '(optional)',
  notSaying: 'Prefer not to say',
  comment: 'Anything else to tell us?',
  commentHint: (max) =>
    `Up to ${max} characters. Don't write personal data: CPF, phone numbers, e-mail addresses and CEP are removed before storing.`,
  honeypot: 'Do not fill in this field',
  submit: 'Send rating',
  errorTitle: 'There is a problem',
  errors: {
    serviceId: 'Choose the service you used.',
    unknownService: 'That service is not in the service catalogue. Choose one from the list.',
    rating: 'Choose a rating from 1 to 5.',
    outcome: 'Say whether you were able to do what you needed.',
    channel: 'Choose the channel you used.',
    region: 'Choose a region from the list.',
    reason: 'Choose a reason from the list.',
    comment: 'The comment can be at most 1,250 characters, without control characters.',
    invalid: 'Your rating could not be sent. Check the fields marked.',
    busy: 'Too many ratings were sent from this network just now. Wait a minute and send it again.',
    unavailable:
      'Ratings cannot be recorded right now. Wait a moment and send it again: your rating will not be counted twice.',
    reused: 'This form was already used for another rating. Check the fields and send it again.',
  },
  doneTitle: 'Thank you! Your rating was recorded.',
  doneThanks: 'It will count in the satisfaction indicators at their next computation.',
  receipt: 'Your receipt',
  receiptKeep:
    "Keep this receipt: it is not stored anywhere, and since we don't know who you are it is the only way to erase your rating.",
  ratingId: 'Rating number',
  deleteTitle: 'How to erase your rating',
  deleteNow:
    'Use the button below to erase this rating now. Later, with the number and the receipt, you can erase it on the page',
  deleteLater: 'Erase a rating',
  deleteHow:
    "Programs can also send a DELETE request to the rating's address with the receipt in the Authorization header. For example, with curl:",
  deleteMore: 'Read more in the privacy notice.',
  eraseButton: 'Erase this rating now',
  erased: 'Your rating was erased. It leaves the indicators at their next computation.',
  rateAnother: 'Rate another service',
};

/** The rating page's text in each language. */
export const RATING_TEXT: Readonly<Record<PortalLanguage, RatingText>> = { 'pt-BR': pt, en };

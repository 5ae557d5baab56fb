import type { PortalLanguage } from './portal-language.js';

/** The interface text of the erasure form and its answers, in one language. */
export interface EraseText {
  readonly title: string;
  readonly intro: string;
  readonly id: string;
  readonly idHint: string;
  readonly receipt: string;
  readonly receiptHint: string;
  readonly submit: string;
  readonly errorTitle: string;
  readonly errors: {
    readonly idMissing: string;
    readonly idInvalid: string;
    readonly receiptMissing: string;
    readonly receiptInvalid: string;
    readonly invalid: string;
    readonly unavailable: string;
  };
  /** The answer when nothing matched (unknown id, wrong receipt, already erased: one text). */
  readonly notFound: string;
  /** How to check the receipt after `notFound`. */
  readonly notFoundChecks: readonly string[];
  readonly erasedTitle: string;
  readonly erased: (id: string) => string;
  readonly erasedWhen: string;
  readonly privacyLink: string;
  readonly rateLink: string;
  /** Heading of the form on the privacy notice. */
  readonly noticeHeading: string;
}

const pt: EraseText = {
  title: 'Apagar uma avaliação',
  intro:
    'Informe o número da avaliação e o comprovante que apareceram depois que você avaliou. A avaliação sai do banco de dados na hora e dos indicadores publicados no próximo cálculo.',
  id: 'Número da avaliação',
  idHint: '26 caracteres: letras de a a z e números de 2 a 7.',
  receipt: 'Comprovante',
  receiptHint:
    '43 caracteres: letras, números, hífen (-) e sublinhado (_). Maiúsculas e minúsculas fazem diferença: copie e cole o comprovante como ele foi mostrado.',
  submit: 'Apagar avaliação',
  errorTitle: 'Há um problema',
  errors: {
    idMissing: 'Informe o número da avaliação.',
    idInvalid:
      'O número da avaliação tem 26 caracteres, só letras de a a z e números de 2 a 7. Confira o que foi digitado.',
    receiptMissing: 'Informe o comprovante.',
    receiptInvalid:
      'O comprovante tem 43 caracteres, só letras, números, hífen (-) e sublinhado (_). Confira o que foi digitado.',
    invalid: 'Não foi possível apagar a avaliação. Confira os campos marcados.',
    unavailable:
      'O registro de avaliações está indisponível no momento e nada foi apagado ainda. Espere alguns instantes e envie de novo.',
  },
  notFound:
    'Nenhuma avaliação corresponde a este número e comprovante, e nada foi apagado. Uma avaliação que já foi apagada também não aparece mais.',
  notFoundChecks: [
    'Confira se o número e o comprovante são da mesma avaliação: os dois aparecem juntos na página mostrada depois da avaliação.',
    'O comprovante tem 43 caracteres e maiúsculas e minúsculas fazem diferença (“a” não é “A”). Copie e cole, em vez de digitar.',
    'Confira letras e números parecidos: o número da avaliação não tem 0, 1, 8 nem 9.',
  ],
  erasedTitle: 'Sua avaliação foi apagada',
  erased: (id) => `A avaliação ${id} foi apagada do banco de dados.`,
  erasedWhen:
    'Ela sai dos indicadores publicados no próximo cálculo; cópias de segurança são eliminadas no prazo descrito no aviso de privacidade.',
  privacyLink: 'Aviso de privacidade',
  rateLink: 'Avaliar um serviço',
  noticeHeading: 'Apagar a sua avaliação',
};

const en: EraseText = {
  title: 'Erase a rating',
  intro:
    'Enter the rating number and the receipt shown after you rated. The rating leaves the database at once and the published indicators at their next computation.',
  id: 'Rating number',
  idHint: '26 characters: letters a to z and digits 2 to 7.',
  receipt: 'Receipt',
  receiptHint:
    '43 characters: letters, digits, hyphen (-) and underscore (_). Upper and lower case differ: copy and paste the receipt as it was shown.',
  submit: 'Erase rating',
  errorTitle: 'There is a problem',
  errors: {
    idMissing: 'Enter the rating number.',
    idInvalid:
      'The rating number has 26 characters, only letters a to z and digits 2 to 7. Check what was typed.',
    receiptMissing: 'Enter the receipt.',
    receiptInvalid:
      'The receipt has 43 characters, only letters, digits, hyphen (-) and underscore (_). Check what was typed.',
    invalid: 'The rating could not be erased. Check the fields marked.',
    unavailable:
      'Ratings cannot be reached right now and nothing was erased yet. Wait a moment and send it again.',
  },
  notFound:
    'No rating matches this number and receipt, and nothing was erased. A rating that was already erased is not found either.',
  notFoundChecks: [
    'Check that the number and the receipt belong to the same rating: both were shown together on the page after you rated.',
    'The receipt has 43 characters and upper and lower case differ (“a” is not “A”). Copy and paste it rather than typing it.',
    'Check look-alike characters: the rating number has no 0, 1, 8 or 9.',
  ],
  erasedTitle: 'Your rating was erased',
  erased: (id) => `Rating ${id} was erased from the database.`,
  erasedWhen:
    'It leaves the published indicators at their next computation; backups are gone within the time the privacy notice states.',
  privacyLink: 'Privacy notice',
  rateLink: 'Rate a service',
  noticeHeading: 'Erase your rating',
};

/** The erasure form's text in each language. */
export const ERASE_TEXT: Readonly<Record<PortalLanguage, EraseText>> = { 'pt-BR': pt, en };

/** P(completed | rating 1…5); `not_eligible` is a flat 4%, the rest splits failed/gave up. */
export const COMPLETED_BY_RATING = [0.25, 0.45, 0.7, 0.88, 0.93] as const;
/** Share of ratings whose outcome is `not_eligible`. */
export const NOT_ELIGIBLE_SHARE = 0.04;
/** Share of the non-completed outcomes that are `failed` (the rest `gave_up`). */
export const FAILED_SHARE = 0.55;

/** Share of ratings that carry a reason. */
export const REASON_SHARE = 0.75;

/** Reason weights (in `REASONS` order) for low (1–2), middle (3) and high (4–5) ratings. */
export const REASON_WEIGHTS = {
  low: [0.15, 0.2, 0.03, 0.02, 0.2, 0.3, 0.1],
  middle: [0.15, 0.15, 0.1, 0.1, 0.15, 0.2, 0.15],
  high: [0.2, 0.3, 0.1, 0.02, 0.03, 0.2, 0.15],
} as const;

/** Chance that a rating carries a comment, for low, middle and high ratings (comments are rare). */
export const COMMENT_SHARE = { low: 0.06, middle: 0.03, high: 0.015 } as const;

/**
 * Short synthetic comments, free of personal data, by rating band. (Real comments are
 * scrubbed of identifiers before storage; these never contain any.)
 */
export const COMMENTS = {
  low: [
    'Demorou demais para concluir.',
    'O site travou várias vezes.',
    'Não consegui anexar os documentos.',
    'Informações confusas.',
    'Fiquei sem resposta.',
    'O aplicativo fecha sozinho.',
    'No fim precisei ir pessoalmente.',
    'Difícil encontrar o serviço.',
    'Took far too long.',
  ],
  middle: [
    'Funcionou, mas poderia ser mais simples.',
    'Demorou um pouco.',
    'Razoável.',
    'O formulário é longo.',
    'Precisei de ajuda no telecentro.',
  ],
  high: [
    'Muito fácil de usar.',
    'Rápido e prático.',
    'Resolvi tudo pelo celular.',
    'Atendimento excelente no telecentro.',
    'Ótimo, economizei tempo.',
    'Bem explicado.',
    'Quick and easy.',
  ],
} as const;

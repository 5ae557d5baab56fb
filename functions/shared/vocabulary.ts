/**
 * The city's shared vocabularies: the slugs that citizen feedback, the programme datasets, the
 * demo city and the dimension registry all use. One list each, defined here only.
 */

/** Belo Horizonte's nine administrative regions (regionais), as slugs. */
export const REGIONS = [
  'barreiro',
  'centro-sul',
  'leste',
  'nordeste',
  'noroeste',
  'norte',
  'oeste',
  'pampulha',
  'venda-nova',
] as const;

/** One of the nine regionais. */
export type Region = (typeof REGIONS)[number];

/** Channels through which a service is used (and rated). `web` and `app` are the digital ones. */
export const CHANNELS = ['web', 'app', 'telecentro', 'phone', 'in_person'] as const;

/** A service channel. */
export type Channel = (typeof CHANNELS)[number];

/** How a rated use of a service ended (GDS completion semantics: `not_eligible` counts as completed). */
export const OUTCOMES = ['completed', 'not_eligible', 'failed', 'gave_up'] as const;

/** An outcome of a rated use of a service. */
export type Outcome = (typeof OUTCOMES)[number];

/** What most influenced a rating (gov.br's evaluation dimensions). */
export const REASONS = [
  'clarity',
  'ease_of_use',
  'channels',
  'cost_effort',
  'stability',
  'time',
  'effectiveness',
] as const;

/** A reason of a rating. */
export type Reason = (typeof REASONS)[number];

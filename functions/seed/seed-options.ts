/**
 * The demo city's default random seed (8 March 2018: International Women's Day, the year
 * "Programando Sonhos" started). The data is synthetic: it reproduces the city's published
 * headline figures, not any real person or record.
 */
export const DEFAULT_SEED = 20_180_308;

/** What every generator of the demo city takes. */
export interface SeedOptions {
  /** Random seed (default `DEFAULT_SEED`). */
  readonly seed?: number;
  /** The instant the city is generated for (months are relative to it). */
  readonly today: Date;
  /** The city's IANA time zone (default America/Sao_Paulo). */
  readonly timezone?: string;
}

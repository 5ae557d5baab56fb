import type { Bilingual } from '../indicators/indicator-metadata.js';

/** A language of the portal: pt-BR (the default) or en. */
export type PortalLanguage = keyof Bilingual;

/** The portal's default language. */
export const DEFAULT_LANGUAGE: PortalLanguage = 'pt-BR';

/**
 * The language a page was asked for with `?lang=`: `en` (or `en-*`) gives English, anything else
 * (absent, `pt`, `pt-BR`, unknown) the default, Brazilian Portuguese.
 */
export function portalLanguageOf(lang: string | undefined | null): PortalLanguage {
  return lang && /^en(-|$)/i.test(lang) ? 'en' : DEFAULT_LANGUAGE;
}

/** Whether `lang` names one of the portal's languages (`pt`, `pt-BR`, `en`, case-insensitive). */
export function isPortalLanguage(lang: string): boolean {
  return /^(pt|pt-br|en)$/i.test(lang);
}

/** The other language (for the language switch). */
export function otherLanguage(lang: PortalLanguage): PortalLanguage {
  return lang === 'en' ? 'pt-BR' : 'en';
}

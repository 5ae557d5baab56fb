import { ProblemError } from '../shared/problem.js';

/** The languages Mirante publishes in; `pt-BR` is the default. */
export const LANGUAGES = ['pt-BR', 'en'] as const;

/** A language Mirante publishes in. */
export type Language = (typeof LANGUAGES)[number];

/**
 * The language of a response: the `lang` query parameter when given (`pt-BR`, `pt`, `en`,
 * `en-GB`, … — any tag whose primary subtag is `pt` or `en`, case-insensitive), else the best
 * match in `Accept-Language` by quality, else pt-BR. An unsupported `lang` is a 400 naming the
 * supported ones; an unsupported `Accept-Language` falls back to pt-BR.
 */
export function resolveLanguage(
  lang: string | undefined,
  acceptLanguage: string | undefined,
): Language {
  if (lang !== undefined && lang !== '') {
    const match = matchLanguage(lang);
    if (!match) {
      throw new ProblemError('invalid-parameter', {
        detail: `Unsupported language '${lang}'. Use lang=pt-BR (default) or lang=en.`,
        errors: [{ pointer: '/lang', detail: 'must be pt-BR or en', value: lang }],
        extensions: { allowedValues: [...LANGUAGES] },
      });
    }
    return match;
  }
  if (!acceptLanguage) return 'pt-BR';
  let best: Language = 'pt-BR';
  let bestQ = 0;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    const match = tag.trim() === '*' ? 'pt-BR' : matchLanguage(tag.trim());
    if (match && Number.isFinite(q) && q > bestQ) {
      best = match;
      bestQ = q;
    }
  }
  return best;
}

function matchLanguage(tag: string): Language | undefined {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  if (primary === 'pt') return 'pt-BR';
  if (primary === 'en') return 'en';
  return undefined;
}

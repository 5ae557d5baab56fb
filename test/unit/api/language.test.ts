import { describe, expect, it } from 'vitest';
import { resolveLanguage } from '../../../functions/api/language.js';
import { ProblemError } from '../../../functions/shared/problem.js';

describe('resolveLanguage', () => {
  it.each([
    [undefined, undefined, 'pt-BR'],
    ['en', undefined, 'en'],
    ['EN-gb', undefined, 'en'],
    ['pt', 'en', 'pt-BR'],
    ['', 'en-US,en;q=0.9', 'en'],
    [undefined, 'fr-FR, en;q=0.4, pt;q=0.8', 'pt-BR'],
    [undefined, 'fr-FR, en;q=0.4', 'en'],
    [undefined, 'de', 'pt-BR'],
    [undefined, '*', 'pt-BR'],
    [undefined, 'en;q=0', 'pt-BR'],
  ])('lang=%s, Accept-Language %s → %s', (lang, accept, expected) => {
    expect(resolveLanguage(lang, accept)).toBe(expected);
  });

  it('rejects an unsupported lang with the supported ones', () => {
    try {
      resolveLanguage('fr', 'en');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      const problem = error as ProblemError;
      expect(problem.status).toBe(400);
      expect(problem.toBody().allowedValues).toEqual(['pt-BR', 'en']);
    }
  });
});

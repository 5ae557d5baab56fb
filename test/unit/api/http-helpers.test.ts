import { describe, expect, it } from 'vitest';
import { etagMatches, strongEtag } from '../../../functions/http/entity-tag.js';
import { negotiateMediaType } from '../../../functions/http/negotiate-media-type.js';

const OFFERS = ['application/json', 'text/csv'] as const;

describe('negotiateMediaType', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['text/csv', 'text/csv'],
    ['text/*', 'text/csv'],
    ['application/json;q=0.5, text/csv', 'text/csv'],
    ['text/csv;q=0.9, application/json', 'application/json'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/json'],
    ['text/csv, */*;q=0', 'text/csv'],
    ['application/xml', undefined],
    ['application/json;q=0', undefined],
    ['TEXT/CSV', 'text/csv'],
  ])('%s → %s', (accept, expected) => {
    expect(negotiateMediaType(accept, OFFERS)).toBe(expected);
  });
});

describe('entity tags', () => {
  it('are strong, quoted and differ with any part', () => {
    const tag = strongEtag('v1', 'pt-BR');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(strongEtag('v1', 'pt-BR')).toBe(tag);
    expect(strongEtag('v1', 'en')).not.toBe(tag);
    expect(strongEtag('v1pt-BR')).not.toBe(strongEtag('v1p', 't-BR'));
  });

  it('match If-None-Match lists, weak tags and *', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('"x", W/"a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
    expect(etagMatches('a', '"a"')).toBe(false);
  });
});

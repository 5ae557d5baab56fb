import { describe, expect, it } from 'vitest';
import { createPageCache } from '../../../functions/portal/page-cache.js';
import { rowFiltersOf } from '../../../functions/portal/row-filters.js';

describe('createPageCache', () => {
  it('renders once per key until the entry expires, keeps the most recent, drops failures', async () => {
    let clock = 0;
    let renders = 0;
    const cache = createPageCache(2, 1000, () => clock);
    const render = (page: string) => async () => {
      renders++;
      return page;
    };
    expect(await cache.get('a', render('A'))).toBe('A');
    expect(await cache.get('a', render('A2'))).toBe('A');
    expect(renders).toBe(1);
    await cache.get('b', render('B'));
    await cache.get('a', render('A3')); // a is now the most recent
    await cache.get('c', render('C')); // evicts b
    expect(await cache.get('b', render('B2'))).toBe('B2');
    clock = 1500;
    expect(await cache.get('b', render('B3'))).toBe('B3');
    await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('x', render('X'))).toBe('X');
  });
});

describe('rowFiltersOf', () => {
  it('turns parsed filters into row filters; the total (_T) is no filter', () => {
    expect(
      rowFiltersOf({
        from: '2025-01',
        to: undefined,
        dimensions: new Map([
          ['region', new Set(['leste', '_T'])],
          ['channel', new Set(['_T'])],
        ]),
      }),
    ).toEqual({ from: '2025-01', to: undefined, dimensions: { region: ['leste'] } });
  });
});

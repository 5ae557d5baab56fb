import { describe, expect, it } from 'vitest';
import type { CatalogView } from '../../../cli/query/catalog-info.js';
import { closestNames, editDistance } from '../../../cli/query/closest-names.js';
import { explainQueryError } from '../../../cli/query/explain-query-error.js';
import { QueryError } from '../../../cli/query/query-error.js';

const view = (name: string, columns: string[]): CatalogView => ({
  name,
  kind: 'dataset',
  source: name,
  title: name,
  files: null,
  empty: false,
  columns: columns.map((c) => ({ name: c, type: 'VARCHAR' })),
});

const views = [
  view('feedback', ['rating', 'region', 'service_id', 'month']),
  view('services', ['service_id', 'category', 'digital_level']),
  view('wifi_hotspots', ['hotspot_id', 'region', 'vulnerable_area']),
  view('indicator_user_satisfaction', ['period', 'value', 'n']),
];
const context = { views, lakeDir: '/lake' };

describe('closestNames', () => {
  it('measures edits', () => {
    expect(editDistance('feedbak', 'feedback')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('finds near names and names that contain the typed one, best first', () => {
    expect(
      closestNames(
        'servics',
        views.map((v) => v.name),
      ),
    ).toEqual(['services']);
    expect(
      closestNames(
        'hotspots',
        views.map((v) => v.name),
      ),
    ).toEqual(['wifi_hotspots']);
    expect(
      closestNames(
        'zzzzzz',
        views.map((v) => v.name),
      ),
    ).toEqual([]);
  });
});

describe('explainQueryError', () => {
  it('replaces DuckDB guess of a system view with the closest sandbox view, keeping the position', () => {
    const error = new Error(
      'Catalog Error: Table with name servics does not exist!\nDid you mean "pg_settings"?\n\nLINE 1: SELECT * FROM servics\n                      ^',
    );
    const message = explainQueryError(error, context).message;
    expect(message).not.toContain('pg_settings');
    expect(message).toContain('LINE 1: SELECT * FROM servics');
    expect(message).toContain('Did you mean "services"?');
    expect(message).toContain('npx mirante query --describe');
  });

  it('lists the views when nothing is close', () => {
    const message = explainQueryError(
      new Error('Catalog Error: Table with name qqqqqq does not exist!'),
      context,
    ).message;
    expect(message).toContain(
      'Views: feedback, services, wifi_hotspots, indicator_user_satisfaction.',
    );
  });

  it('suggests the closest columns with the views that have them', () => {
    const error = new Error(
      'Binder Error: Values list "f" does not have a column named "ratng"\n\nLINE 1: SELECT f.ratng FROM feedback f',
    );
    expect(explainQueryError(error, context).message).toContain(
      'Closest column names: rating (feedback).',
    );
    const region = new Error('Binder Error: Referenced column "regoin" not found in FROM clause!');
    expect(explainQueryError(region, context).message).toContain(
      'region (feedback, wifi_hotspots)',
    );
  });

  it('explains a refused file access', () => {
    const error = new Error(
      'Permission Error: Cannot access file "/etc/passwd" - file system operations are disabled by configuration',
    );
    expect(explainQueryError(error, context).message).toMatch(
      /reads only the lake copy \(\/lake\)/,
    );
  });

  it('passes query errors through and strips the extraction prefix', () => {
    const own = new QueryError('mine');
    expect(explainQueryError(own, context)).toBe(own);
    const parse = explainQueryError(
      new Error('Failed to extract statements: Parser Error: syntax error'),
      context,
    );
    expect(parse.message).toBe('Parser Error: syntax error');
  });
});

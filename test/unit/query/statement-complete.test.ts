import { describe, expect, it } from 'vitest';
import { isStatementComplete } from '../../../cli/query/statement-complete.js';

describe('isStatementComplete', () => {
  it.each([
    ['SELECT 1;', true],
    ['SELECT 1', false],
    ['SELECT 1\nFROM t\nWHERE a = 1;', true],
    ['SELECT 1;   ', true],
    ['SELECT 1; -- trailing comment', true],
    ["SELECT ';'", false],
    ["SELECT 'a;\nb'", false],
    ["SELECT 'it''s';", true],
    ['SELECT "weird;name" FROM t', false],
    ['SELECT 1 /* ; */', false],
    ['SELECT 1; /* still open', false],
    ['SELECT $$;$$', false],
    ['SELECT $$;$$;', true],
    ['-- just a comment;', false],
  ])('%j → %s', (text, complete) => {
    expect(isStatementComplete(text)).toBe(complete);
  });
});

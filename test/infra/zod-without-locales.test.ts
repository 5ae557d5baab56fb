import { describe, expect, it } from 'vitest';
import * as zod from 'zod';
import { BUNDLE_SETTINGS, ZOD_ALIAS } from '../../infra/constructs/mirante-function.js';
import * as bundled from '../../infra/constructs/zod-without-locales.js';

const keys = (o: object) => Object.keys(o).sort();

describe('the zod the bundles get (zod-without-locales)', () => {
  it('is what every function is bundled with', () => {
    expect(BUNDLE_SETTINGS.esbuildArgs['--alias']).toBe(`zod=./${ZOD_ALIAS}`);
  });

  it('exports what zod exports, `z` and `z.core` with the same members', () => {
    expect(keys(bundled)).toEqual(keys(zod));
    expect(keys(bundled.z)).toEqual(keys(zod.z));
    expect(keys(bundled.z.core)).toEqual(keys(zod.z.core));
    for (const name of ['object', 'string', 'ZodType', 'toJSONSchema', 'config'] as const) {
      expect(String(bundled.z[name]), name).toBe(String(zod.z[name]));
    }
  });

  it('keeps English, the locale zod configures, and only it', () => {
    expect(keys(zod.z.locales).length).toBeGreaterThan(1);
    expect(keys(bundled.z.locales)).toEqual(['en']);
    expect(keys(bundled.z.core.locales)).toEqual(['en']);
    expect(String(bundled.z.locales.en)).toBe(String(zod.z.locales.en));
  });

  it('validates with the same English messages', () => {
    const input = { a: 'x', b: 1.5, c: 'q' };
    const ours = bundled.z
      .object({
        a: bundled.z.string().min(3),
        b: bundled.z.number().int(),
        c: bundled.z.enum(['x']),
      })
      .safeParse(input);
    const theirs = zod.z
      .object({ a: zod.z.string().min(3), b: zod.z.number().int(), c: zod.z.enum(['x']) })
      .safeParse(input);
    const messages = ours.error?.issues.map((i) => i.message);
    expect(messages).toEqual(theirs.error?.issues.map((i) => i.message));
    expect(messages?.[0]).toMatch(/^Too small/);
  });
});

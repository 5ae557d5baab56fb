import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PORTAL_CSS, PORTAL_JS } from '../../../functions/portal/portal-assets.generated.js';
import { PORTAL_ASSETS } from '../../../functions/portal/static-assets.js';
import { buildPortalAssets } from '../../../portal/build-portal-assets.js';

describe('portal assets', () => {
  it('are the minified portal/portal.css and portal/portal.js (regenerate when this fails)', async () => {
    const built = await buildPortalAssets(join(import.meta.dirname, '../../../portal'));
    expect(PORTAL_CSS).toBe(built.css);
    expect(PORTAL_JS).toBe(built.js);
  });

  it('are small and served under content-hashed paths', () => {
    expect(PORTAL_CSS.length + PORTAL_JS.length).toBeLessThan(15_000);
    expect(PORTAL_ASSETS.css.path).toMatch(/^\/assets\/portal\.[0-9a-f]{12}\.css$/);
    expect(PORTAL_ASSETS.js.path).toMatch(/^\/assets\/portal\.[0-9a-f]{12}\.js$/);
    // No remote resources, fonts or inline-style tricks.
    expect(PORTAL_CSS).not.toMatch(/@import|@font-face|url\(/);
    expect(PORTAL_JS).not.toMatch(/https?:\/\/|eval\(|innerHTML/);
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';

/** The portal's static assets as served: minified CSS and JavaScript. */
export interface PortalAssetSources {
  readonly css: string;
  readonly js: string;
}

/** Language level the enhancement script is compiled to (donated tablets run old browsers). */
export const PORTAL_JS_TARGET = ['es2019'];

/**
 * Minifies `portal/portal.css` and `portal/portal.js` with esbuild. Used by the generator
 * (`portal/generate-portal-assets.ts`) and by the test that checks the generated module is current.
 */
export async function buildPortalAssets(
  dir: string = import.meta.dirname,
): Promise<PortalAssetSources> {
  const [css, js] = await Promise.all([
    readFile(join(dir, 'portal.css'), 'utf8'),
    readFile(join(dir, 'portal.js'), 'utf8'),
  ]);
  const [cssOut, jsOut] = await Promise.all([
    transform(css, { loader: 'css', minify: true, target: PORTAL_JS_TARGET }),
    transform(js, { loader: 'js', minify: true, target: PORTAL_JS_TARGET, legalComments: 'none' }),
  ]);
  return { css: cssOut.code, js: jsOut.code };
}

import { createHash } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiranteEnv } from '../http/create-base-app.js';
import { PORTAL_CSS, PORTAL_JS } from './portal-assets.generated.js';

/** One static asset of the portal, served from memory under a content-hashed path. */
export interface StaticAsset {
  /** `/assets/portal.<hash>.css`: the hash changes with the content, so it can be cached forever. */
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

/** Prefix of every static asset path (CloudFront routes it to the api function). */
export const ASSETS_PREFIX = '/assets/';

const hashed = (name: string, ext: string, body: string, contentType: string): StaticAsset => ({
  path: `${ASSETS_PREFIX}${name}.${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${ext}`,
  contentType,
  body,
});

/** The portal's stylesheet and enhancement script. */
export const PORTAL_ASSETS = {
  css: hashed('portal', 'css', PORTAL_CSS, 'text/css; charset=utf-8'),
  js: hashed('portal', 'js', PORTAL_JS, 'text/javascript; charset=utf-8'),
} as const;

/** Registers `GET /assets/<name>.<hash>.<ext>` for each asset, cacheable for a year. */
export function registerStaticAssets(app: OpenAPIHono<MiranteEnv>): void {
  for (const asset of Object.values(PORTAL_ASSETS)) {
    app.get(asset.path, (c) =>
      c.body(asset.body, 200, {
        'Content-Type': asset.contentType,
        'Cache-Control': 'public, max-age=31536000, immutable',
      }),
    );
  }
}

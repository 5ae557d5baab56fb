/**
 * What the functions' bundles get for `zod` (`ZOD_ALIAS` in mirante-function.ts): zod's entry
 * point (`zod/index.js`) minus the 63 error-message locales nothing uses. @hono/zod-openapi
 * passes the whole `z` namespace to zod-to-openapi, so a bundle keeps every export of it —
 * the locales were ~0.26 MB of each bundle and ~10 ms of each cold start (parsing). The
 * schemas, parsing and English messages are zod's own modules, unchanged; only `z.locales`
 * holds `en` alone. Types and unbundled runs (tests, CLI) use zod itself.
 */
import * as z from './zod-classic-without-locales.js';

export * from './zod-classic-without-locales.js';
export { z, z as default };

// Zod's classic API, as zod's own entry point re-exports it, but for `core` and `locales`
// (shadowed below: both would hold every locale).
export * from '../../node_modules/zod/v4/classic/external.js';
/** Zod's core (`z.core`), whose `locales` holds English only. */
export * as core from './zod-core-without-locales.js';
/** Zod's error-message locales, in a bundle: only English, the one zod configures by default. */
export { locales } from './zod-core-without-locales.js';

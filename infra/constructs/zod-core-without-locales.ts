import en from '../../node_modules/zod/v4/locales/en.js';

// Zod's core, as `z.core` exposes it, but for `locales` (shadowed below).
export * from '../../node_modules/zod/v4/core/index.js';

/** Zod's error-message locales, in a bundle: only English, the one zod configures by default. */
export const locales = { en };

import { fileURLToPath } from 'node:url';

/** The project's root folder (package-lock.json, functions/, queries/), one level above infra/. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

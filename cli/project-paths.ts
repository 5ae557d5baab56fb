import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json and queries/ live). */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The indicator definitions folder. */
export const QUERIES_DIR = join(PROJECT_ROOT, 'queries');

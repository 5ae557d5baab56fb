import type { AppSecrets } from './app-secrets.js';
import type { MiranteFunctionDefaults } from './mirante-function.js';
import type { MiranteHttpApi } from './mirante-http-api.js';
import type { Storage } from './storage.js';

/**
 * The shared resources a function construct wires itself to. A function construct takes the
 * platform and decides, in one place, what it is granted and which routes or events reach it.
 */
export interface MirantePlatform {
  readonly functionDefaults: MiranteFunctionDefaults;
  readonly storage: Storage;
  readonly httpApi: MiranteHttpApi;
  readonly secrets: AppSecrets;
}

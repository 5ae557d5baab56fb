import type { StageConfig } from '../stage-config.js';
import type { AppSecrets } from './app-secrets.js';
import type { MiranteFunctionDefaults } from './mirante-function.js';
import type { MiranteHttpApi } from './mirante-http-api.js';
import type { Monitoring } from './monitoring.js';
import type { OriginVerifyValue } from './origin-verify-value.js';
import type { PublicEdge } from './public-edge.js';
import type { Storage } from './storage.js';

/**
 * The shared resources a function construct wires itself to. A function construct takes the
 * platform and decides, in one place, what it is granted, which routes or events reach it and
 * which of its metrics raise alarms.
 */
export interface MirantePlatform {
  readonly config: StageConfig;
  readonly functionDefaults: MiranteFunctionDefaults;
  readonly storage: Storage;
  readonly httpApi: MiranteHttpApi;
  /** CloudFront in front of the HTTP API (the public URL). */
  readonly edge: PublicEdge;
  readonly secrets: AppSecrets;
  /** The origin-verify value CloudFront sends, and its version (for the feedback function). */
  readonly originVerify: OriginVerifyValue;
  readonly monitoring: Monitoring;
}

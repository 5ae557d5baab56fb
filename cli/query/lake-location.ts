import { homedir } from 'node:os';
import { join } from 'node:path';
import type { S3Location } from './s3-location.js';

/** Where a session's lake copy and its state live. */
export interface LakeLocation {
  /** The lake copy the sandbox may read. */
  readonly lakeDir: string;
  /** Catalog files and the sync state, outside the lake. */
  readonly stateDir: string;
  /** How to name the source in messages. */
  readonly label: string;
  /** The deployed lake it mirrors, for `--lake s3://…`. */
  readonly remote?: S3Location;
}

/** The local stack's lake copy: `.mirante/lake/`, with state in `.mirante/query/`. */
export function localLakeLocation(cwd: string): LakeLocation {
  return {
    lakeDir: join(cwd, '.mirante', 'lake'),
    stateDir: join(cwd, '.mirante', 'query'),
    label: '.mirante/lake/',
  };
}

/**
 * The cache of a deployed lake: `<cache>/mirante/<bucket>/<prefix>/lake/` (state beside it in
 * `state/`), where `<cache>` is `MIRANTE_CACHE_DIR`, else `XDG_CACHE_HOME`, else `~/.cache`.
 */
export function remoteLakeLocation(
  remote: S3Location,
  env: Readonly<Record<string, string | undefined>>,
): LakeLocation {
  const cache =
    env.MIRANTE_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'mirante');
  const prefix = remote.prefix.replace(/\/$/, '').replace(/[^A-Za-z0-9._=/-]/g, '_');
  const base = join(cache, remote.bucket, ...(prefix ? prefix.split('/') : ['_root']));
  return {
    lakeDir: join(base, 'lake'),
    stateDir: join(base, 'state'),
    label: `s3://${remote.bucket}/${remote.prefix}`,
    remote,
  };
}

/** The interactive prompt's history file (`.mirante/query_history`). */
export const historyFile = (cwd: string): string => join(cwd, '.mirante', 'query_history');

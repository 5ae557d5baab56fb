import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalEndpoints } from './embedded-servers.js';

/** Paths of the local stack's state folder (`.mirante/`, owned by `mirante dev`). */
export interface LocalPaths {
  readonly root: string;
  readonly data: string;
  readonly endpoints: string;
  readonly secrets: string;
  readonly staffToken: string;
  readonly lake: string;
  readonly work: string;
  readonly seeded: string;
}

/** The paths under a state folder. */
export function localPaths(root: string): LocalPaths {
  return {
    root,
    data: join(root, 'data'),
    endpoints: join(root, 'endpoints.json'),
    secrets: join(root, 'secrets.json'),
    staffToken: join(root, 'staff-token'),
    lake: join(root, 'lake'),
    work: join(root, 'work'),
    seeded: join(root, 'seeded.json'),
  };
}

/** What `.mirante/endpoints.json` records about the running stack. */
export interface EndpointsFile extends LocalEndpoints {
  readonly api: string;
  readonly pid: number;
  readonly table: string;
  readonly bucket: string;
  readonly startedAt: string;
}

/** Secrets of the local stack (on AWS they live in Secrets Manager). */
export interface LocalSecrets {
  readonly receiptKey: string;
  readonly ipSalt: string;
  /**
   * The origin-verify version a proxy in front of the local app stands for (as CloudFront does
   * on AWS): a request whose `X-Mirante-Origin-Verify` carries the value derived from
   * `receiptKey` for this version (or the one before) has its `CloudFront-Viewer-Address`
   * believed (`originVerifyValue` in functions/feedback/origin-verify-value.ts). Not generated:
   * without it (the default, since nothing local adds that header) the viewer address is never
   * believed.
   */
  readonly originVerifyVersion?: number | string | undefined;
}

/** Reads the endpoints of a running stack; undefined when none is recorded or its process died. */
export async function readRunningStack(paths: LocalPaths): Promise<EndpointsFile | undefined> {
  if (!existsSync(paths.endpoints)) return undefined;
  try {
    const file = JSON.parse(await readFile(paths.endpoints, 'utf8')) as EndpointsFile;
    process.kill(file.pid, 0);
    return file;
  } catch {
    return undefined;
  }
}

/** Records the running stack's endpoints. */
export async function writeEndpoints(paths: LocalPaths, file: EndpointsFile): Promise<void> {
  await mkdir(paths.root, { recursive: true });
  await writeFile(paths.endpoints, `${JSON.stringify(file, null, 2)}\n`);
}

/** Reads the local secrets, generating them on first use (never committed: `.mirante/`). */
export async function loadOrCreateSecrets(paths: LocalPaths): Promise<LocalSecrets> {
  if (existsSync(paths.secrets)) {
    return JSON.parse(await readFile(paths.secrets, 'utf8')) as LocalSecrets;
  }
  const secrets: LocalSecrets = {
    receiptKey: randomBytes(32).toString('base64url'),
    ipSalt: randomBytes(32).toString('base64url'),
  };
  await mkdir(paths.root, { recursive: true });
  await writeFile(paths.secrets, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

/**
 * The local staff token: `MIRANTE_STAFF_TOKEN` when set, else one generated on first start into
 * `.mirante/staff-token`.
 */
export async function loadOrCreateStaffToken(
  paths: LocalPaths,
  fromEnv: string | undefined,
): Promise<{ token: string; generated: boolean }> {
  if (fromEnv) return { token: fromEnv, generated: false };
  if (existsSync(paths.staffToken)) {
    return { token: (await readFile(paths.staffToken, 'utf8')).trim(), generated: false };
  }
  const token = randomBytes(24).toString('base64url');
  await mkdir(paths.root, { recursive: true });
  await writeFile(paths.staffToken, `${token}\n`, { mode: 0o600 });
  return { token, generated: true };
}

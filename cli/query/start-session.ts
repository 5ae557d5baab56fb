import type { QueryIo } from './query-io.js';
import {
  emptyLakeError,
  isEmptyLake,
  openQuerySession,
  type QuerySession,
} from './query-session.js';
import type { SessionSettings } from './session-options.js';
import { syncLakeSource } from './sync-lake-source.js';

/**
 * Syncs the lake copy (unless `--no-sync`), then opens the sandboxed session. A failed sync is a
 * warning when an earlier copy exists (the session queries that copy); an empty lake is an error
 * that says how to seed or sync one.
 */
export async function startSession(
  settings: SessionSettings,
  context: { readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>> },
  io: QueryIo,
): Promise<QuerySession> {
  const { location } = settings;
  if (settings.sync) {
    try {
      await syncLakeSource(location, { cwd: context.cwd, env: context.env, progress: io.stderr });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      io.stderr.write(
        `Warning: could not sync ${location.remote ? location.label : 'from the local stack'} (${reason}); querying the copy in ${location.lakeDir} as it is.\n`,
      );
    }
  }
  const session = await openQuerySession({
    lakeDir: location.lakeDir,
    stateDir: location.stateDir,
    timeoutMs: settings.timeoutMs,
    threads: settings.threads,
    memoryLimit: settings.memoryLimit,
  });
  if (isEmptyLake(session.views)) {
    session.close();
    throw emptyLakeError(location.label);
  }
  return session;
}

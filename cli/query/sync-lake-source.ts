import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listManifests } from '../../functions/publish/manifest.js';
import { awsClientOptionsFromEnv, createAwsClients } from '../../functions/shared/aws-clients.js';
import { localPaths, readRunningStack } from '../local-files.js';
import { openLocalStack } from '../local-stack.js';
import type { LakeLocation } from './lake-location.js';
import { createProgressBar, type ProgressStream } from './progress-bar.js';
import { type SyncSummary, syncLakeCopy } from './sync-lake-copy.js';

/** What {@link syncLakeSource} needs from the command line. */
export interface SyncLakeSourceOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Progress bar and summary go here (stderr). */
  readonly progress: ProgressStream;
}

/**
 * Brings a lake copy up to date before a session. For a deployed lake (`--lake s3://…`) it mirrors
 * the bucket into the cache with a progress bar; credentials and region come from the usual AWS
 * environment. For the local lake it syncs from the running `mirante dev` stack, or from the
 * embedded servers started on `.mirante/data` when the stack is not running (the latest published
 * versions come from the manifests); with neither, it leaves the copy as it is and returns
 * undefined.
 */
export async function syncLakeSource(
  location: LakeLocation,
  options: SyncLakeSourceOptions,
): Promise<SyncSummary | undefined> {
  const stateFile = join(location.stateDir, 'lake-etags.json');
  if (location.remote) {
    const { bucket, prefix } = location.remote;
    const clients = createAwsClients(awsClientOptionsFromEnv(options.env));
    const bar = createProgressBar(options.progress, `Syncing ${location.label}`);
    try {
      const summary = await syncLakeCopy({
        s3: clients.s3,
        bucket,
        root: prefix,
        lakeDir: location.lakeDir,
        stateFile,
        onProgress: (...counts) => bar.update(...counts),
      });
      bar.finish(describeSync(location.label, summary));
      return summary;
    } finally {
      clients.s3.destroy();
      clients.dynamo.destroy();
    }
  }

  const paths = localPaths(join(options.cwd, '.mirante'));
  if (!(await readRunningStack(paths)) && !existsSync(paths.data)) return undefined;
  const stack = await openLocalStack({ paths, env: options.env });
  try {
    const manifests = await listManifests(stack.clients.doc, stack.config.tableName);
    const latestPublished = new Map(
      manifests.flatMap((m) => (m.parquetKey ? [[m.indicatorId, m.parquetKey] as const] : [])),
    );
    const summary = await syncLakeCopy({
      s3: stack.clients.s3,
      bucket: stack.config.lakeBucket,
      root: '',
      lakeDir: location.lakeDir,
      stateFile,
      latestPublished,
    });
    if (summary.downloaded > 0 || summary.removed > 0) {
      options.progress.write(`${describeSync(location.label, summary)}\n`);
    }
    return summary;
  } finally {
    await stack.close();
  }
}

function describeSync(label: string, s: SyncSummary): string {
  const mb = (s.downloadedBytes / 1_000_000).toFixed(1);
  const removed = s.removed > 0 ? `, removed ${s.removed} stale` : '';
  return `Synced ${label}: ${s.objects} objects, ${s.downloaded} downloaded (${mb} MB)${removed}.`;
}

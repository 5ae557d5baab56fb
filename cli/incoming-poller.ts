import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  INCOMING_ROOT,
  type IncomingResult,
  processIncomingObject,
} from '../functions/metrics/process-incoming-object.js';
import type { Logger } from '../functions/shared/logger.js';
import type { LocalStack } from './local-stack.js';

/** Who the local stack records as the submitter of `incoming/` files. */
export const LOCAL_INCOMING_SUBMITTER = 'local-incoming';

/**
 * The local stand-in for the S3 event notification on `incoming/`: lists every object under
 * `incoming/` and runs the metrics function's own `processIncomingObject` on each, one at a
 * time (`mirante dev` calls it every cycle). A file that fails for a transient reason stays and
 * is tried again at the next poll.
 */
export async function pollIncoming(stack: LocalStack, logger: Logger): Promise<IncomingResult[]> {
  const { s3 } = stack.clients;
  const bucket = stack.config.lakeBucket;
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: INCOMING_ROOT, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);

  // No logger for the processing itself: the poll prints one line per file instead.
  const deps = { doc: stack.clients.doc, s3, config: stack.config, now: () => new Date() };
  const results: IncomingResult[] = [];
  for (const key of keys.sort()) {
    try {
      const result = await processIncomingObject(deps, {
        bucket,
        key,
        submitter: LOCAL_INCOMING_SUBMITTER,
      });
      results.push(result);
      if (result.outcome === 'processed') {
        logger.info(
          `incoming ${key}: batch ${result.batchId} (${result.rows} rows, ${result.ingest}) → ${result.movedTo}`,
        );
      } else if (result.outcome === 'rejected') {
        logger.warn(`incoming ${key}: rejected (${result.problem.title}) → ${result.reportKey}`);
      }
    } catch (error) {
      logger.error(`incoming ${key}: failed; retrying next cycle`, {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}

import { createLogger } from '../../functions/shared/logger.js';
import type { CommandContext } from '../command-context.js';
import { localPaths } from '../local-files.js';
import { runLocalExport } from '../local-pipeline.js';
import { openLocalStack } from '../local-stack.js';

/** `mirante export`: exports closed feedback time buckets of the local stack to its lake. */
export async function runExport(ctx: CommandContext): Promise<number> {
  const stack = await openLocalStack({ paths: localPaths(`${ctx.cwd}/.mirante`), env: ctx.env });
  try {
    const logger = createLogger({ service: 'export', pretty: true });
    const result = await runLocalExport(stack, logger);
    ctx.print(
      `Exported ${result.rows} ratings in ${result.buckets.length} buckets; watermark ${result.watermark ?? '(none)'}.`,
    );
    return 0;
  } finally {
    await stack.close();
  }
}

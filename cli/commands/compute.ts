import { loadIndicators } from '../../functions/indicators/load-indicators.js';
import { createLogger } from '../../functions/shared/logger.js';
import type { CommandContext } from '../command-context.js';
import { localPaths } from '../local-files.js';
import { runLocalCompute } from '../local-pipeline.js';
import { openLocalStack } from '../local-stack.js';
import { QUERIES_DIR } from '../project-paths.js';

/** `mirante compute`: computes and publishes every indicator whose inputs changed. */
export async function runCompute(ctx: CommandContext): Promise<number> {
  const stack = await openLocalStack({ paths: localPaths(`${ctx.cwd}/.mirante`), env: ctx.env });
  try {
    const indicators = await loadIndicators(QUERIES_DIR, {
      minCellFloor: stack.config.minCellFloor,
    });
    const logger = createLogger({ service: 'compute', pretty: true });
    const result = await runLocalCompute(stack, indicators, logger);
    for (const o of result.outcomes) {
      ctx.print(
        `${o.id.padEnd(28)} ${o.status}${'version' in o ? ` ${o.version}` : ` — ${o.error}`}`,
      );
    }
    return result.outcomes.some((o) => o.status === 'failed') ? 1 : 0;
  } finally {
    await stack.close();
  }
}

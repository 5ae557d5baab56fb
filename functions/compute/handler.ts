import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIMENSION_REGISTRY_FILE } from '../indicators/dimension-registry.js';
import { loadDimensionRegistry } from '../indicators/load-dimension-registry.js';
import { loadIndicators } from '../indicators/load-indicators.js';
import { awsClientOptionsFromEnv, createAwsClients } from '../shared/aws-clients.js';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { type ComputeResult, computeIndicators } from './compute-indicators.js';
import { duckDbSettingsForMemory } from './duckdb-session.js';

const config = loadConfig(process.env);
const clients = createAwsClients(awsClientOptionsFromEnv(process.env));
const logger = createLogger({ service: 'compute' });
// The bundle carries queries/ beside the handler (copied at bundling time).
const queriesDir =
  process.env.MIRANTE_QUERIES_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'queries');
const indicators = loadIndicators(queriesDir, { minCellFloor: config.minCellFloor });
const registry = loadDimensionRegistry(join(queriesDir, DIMENSION_REGISTRY_FILE));
const duckdb = duckDbSettingsForMemory(Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? 3008));
// Kept across warm invocations: objects already in /tmp are not downloaded again.
const knownObjects = new Map<string, string>();

/** Lambda entry point of the scheduled compute: compaction, then every indicator whose inputs changed. */
export async function handler(): Promise<ComputeResult> {
  const result = await computeIndicators({
    doc: clients.doc,
    s3: clients.s3,
    config,
    indicators: await indicators,
    registry: await registry,
    now: () => new Date(),
    logger,
    workDir: '/tmp/mirante',
    knownObjects,
    duckdb,
  });
  // Per-run counts, so one alarm each can watch them (0 on a healthy run).
  const failed = result.outcomes.filter((o) => o.status === 'failed').length;
  logger.metric('IndicatorsFailedPerRun', failed);
  logger.metric('CompactionsFailedPerRun', result.compaction.failed.length);
  return result;
}

import { join } from 'node:path';
import { type ComputeResult, computeIndicators } from '../functions/compute/compute-indicators.js';
import { type ExportFeedbackResult, exportFeedback } from '../functions/export/export-feedback.js';
import { DIMENSION_REGISTRY_FILE } from '../functions/indicators/dimension-registry.js';
import type { IndicatorDefinition } from '../functions/indicators/indicator-metadata.js';
import { loadDimensionRegistry } from '../functions/indicators/load-dimension-registry.js';
import type { Logger } from '../functions/shared/logger.js';
import type { LocalStack } from './local-stack.js';
import { QUERIES_DIR } from './project-paths.js';

/** One local cycle's outcome. */
export interface CycleResult {
  readonly exported: ExportFeedbackResult;
  readonly computed: ComputeResult;
}

/** Runs the export step against the local stack (the same function the export Lambda calls). */
export function runLocalExport(stack: LocalStack, logger: Logger): Promise<ExportFeedbackResult> {
  return exportFeedback({
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    config: stack.config,
    now: () => new Date(),
    logger,
  });
}

const knownObjects = new Map<string, string>();
// The dimension registry, read once: compute checks published dimension values against it.
let registry: ReturnType<typeof loadDimensionRegistry> | undefined;

/** Runs the compute step against the local stack (the same function the compute Lambda calls). */
export async function runLocalCompute(
  stack: LocalStack,
  indicators: readonly IndicatorDefinition[],
  logger: Logger,
): Promise<ComputeResult> {
  registry ??= loadDimensionRegistry(join(QUERIES_DIR, DIMENSION_REGISTRY_FILE));
  return computeIndicators({
    registry: await registry,
    doc: stack.clients.doc,
    s3: stack.clients.s3,
    config: stack.config,
    indicators,
    now: () => new Date(),
    logger,
    workDir: join(stack.paths.work, 'compute'),
    knownObjects,
  });
}

/** Export, then compute: one local cycle. */
export async function runLocalCycle(
  stack: LocalStack,
  indicators: readonly IndicatorDefinition[],
  logger: Logger,
): Promise<CycleResult> {
  const exported = await runLocalExport(stack, logger);
  const computed = await runLocalCompute(stack, indicators, logger);
  return { exported, computed };
}

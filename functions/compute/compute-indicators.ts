import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IndicatorDefinition } from '../indicators/indicator-metadata.js';
import type { ReceiptInput } from '../publish/indicator-document.js';
import { readManifest } from '../publish/manifest.js';
import { publishIndicator } from '../publish/publish-indicator.js';
import type { MiranteConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { monthOf } from '../shared/period.js';
import { evaluateIndicator } from './evaluate-indicator.js';
import { type LakeInputs, listLakeInputs, openLakeDatabase } from './lake-database.js';

/** What a compute run needs. */
export interface ComputeDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly config: Pick<MiranteConfig, 'tableName' | 'lakeBucket' | 'codeVersion' | 'timezone'>;
  readonly indicators: readonly IndicatorDefinition[];
  readonly now: () => Date;
  readonly logger: Logger;
  /** Local folder for the lake copy (Lambda: under /tmp). */
  readonly workDir: string;
  /** ETags of the objects already in `workDir` (kept across warm invocations). */
  readonly knownObjects?: Map<string, string>;
}

/** Outcome of one indicator in a run. */
export type IndicatorOutcome =
  | { readonly id: string; readonly status: 'published'; readonly version: string }
  | { readonly id: string; readonly status: 'unchanged'; readonly version: string }
  | { readonly id: string; readonly status: 'failed'; readonly error: string };

/** What a compute run did. */
export interface ComputeResult {
  readonly outcomes: readonly IndicatorOutcome[];
}

/**
 * Computes and publishes every indicator whose inputs changed. A run with nothing new costs one
 * listing of the lake and one manifest read per indicator. One indicator failing (bad SQL, a
 * failed declared test) doesn't stop the others: its previous version stays published and the
 * failure is logged and counted as the `IndicatorFailed` metric.
 */
export async function computeIndicators(deps: ComputeDeps): Promise<ComputeResult> {
  const { doc, s3, config, logger } = deps;
  const now = deps.now();
  const currentPeriod = monthOf(now, config.timezone);
  const listed = await listLakeInputs(s3, config.lakeBucket);

  const pending: { definition: IndicatorDefinition; inputsHash: string }[] = [];
  const outcomes: IndicatorOutcome[] = [];
  for (const definition of deps.indicators) {
    const inputsHash = hashInputs(definition, listed, config.codeVersion, currentPeriod);
    const manifest = await readManifest(doc, config.tableName, definition.metadata.id);
    if (manifest?.inputsHash === inputsHash) {
      outcomes.push({ id: definition.metadata.id, status: 'unchanged', version: manifest.version });
    } else {
      pending.push({ definition, inputsHash });
    }
  }
  if (pending.length === 0) return { outcomes };

  const lake = await openLakeDatabase(
    s3,
    config.lakeBucket,
    deps.workDir,
    deps.knownObjects ?? new Map(),
  );
  try {
    for (const { definition, inputsHash } of pending) {
      const id = definition.metadata.id;
      try {
        const evaluated = await evaluateIndicator(lake.connection, definition, currentPeriod);
        const result = await publishIndicator(
          { doc, s3, config, now: deps.now },
          {
            metadata: definition.metadata,
            sqlSha256: definition.sqlSha256,
            inputs: inputsOf(definition, lake.inputs),
            inputsHash,
            rows: evaluated.rows,
            suppressedPrimary: evaluated.suppressedPrimary,
            suppressedComplementary: evaluated.suppressedComplementary,
          },
        );
        outcomes.push({
          id,
          status: result.published ? 'published' : 'unchanged',
          version: result.version,
        });
        if (result.published) {
          logger.info('indicator published', { indicator: id, version: result.version });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.error('indicator failed', { indicator: id, error: message });
        logger.metric('IndicatorFailed', 1, { indicator: id });
        outcomes.push({ id, status: 'failed', error: message });
      }
    }
  } finally {
    lake.close();
  }
  return { outcomes };
}

function inputsOf(definition: IndicatorDefinition, inputs: LakeInputs): ReceiptInput[] {
  return definition.metadata.sources.flatMap((source) => [...(inputs.get(source) ?? [])]);
}

/**
 * Identifies everything a publication depends on: the SQL, the metadata, the input objects'
 * ETags, the code version and the current month (which decides the `p` status).
 */
function hashInputs(
  definition: IndicatorDefinition,
  listed: LakeInputs,
  codeVersion: string,
  currentPeriod: string,
): string {
  const hash = createHash('sha256');
  hash.update(definition.sqlSha256);
  hash.update(JSON.stringify(definition.metadata));
  hash.update(codeVersion);
  hash.update(currentPeriod);
  for (const input of inputsOf(definition, listed)) hash.update(`${input.key}\0${input.etag}\n`);
  return hash.digest('hex');
}

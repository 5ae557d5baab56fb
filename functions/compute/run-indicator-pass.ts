import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DimensionRegistry } from '../indicators/dimension-registry.js';
import type { IndicatorDefinition } from '../indicators/indicator-metadata.js';
import type { IndicatorQueryResult } from '../indicators/run-indicator-sql.js';
import {
  buildIndicatorPublication,
  type IndicatorPublication,
  publishIndicator,
} from '../publish/publish-indicator.js';
import type { MiranteConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import {
  checkIndicator,
  type EvaluatedIndicator,
  queryCheckedIndicator,
} from './evaluate-indicator.js';
import { type CuratedInputs, inputsOf } from './indicator-inputs.js';
import { jsonRowsToParquet } from './json-rows-to-parquet.js';

/** Outcome of one indicator in a run. */
export type IndicatorOutcome =
  | { readonly id: string; readonly status: 'published'; readonly version: string }
  | { readonly id: string; readonly status: 'unchanged'; readonly version: string }
  | { readonly id: string; readonly status: 'failed'; readonly error: string };

/** One indicator to compute, with the hash of its inputs (stored in its manifest). */
export interface PendingIndicator {
  readonly definition: IndicatorDefinition;
  readonly inputsHash: string;
}

/** What the indicator pass needs: DuckDB connections with the dataset views, and the lake. */
export interface IndicatorPassDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly config: Pick<MiranteConfig, 'tableName' | 'lakeBucket' | 'codeVersion'>;
  readonly now: () => Date;
  readonly logger: Logger;
  /**
   * Connections that evaluate indicators, one indicator each at a time, taking them in the order
   * given (heaviest first; two overlap well).
   */
  readonly evaluators: readonly DuckDBConnection[];
  /**
   * A connection that takes indicators from the other end of the list (lightest first), so that
   * quick indicators run beside the heavy ones instead of queueing behind them.
   */
  readonly lightLane?: DuckDBConnection | undefined;
  /** The connection that writes the Parquet files, one after the other. */
  readonly writer: DuckDBConnection;
  readonly scratchDir: string;
  readonly currentPeriod: string;
  readonly inputs: CuratedInputs;
  readonly registry?: DimensionRegistry | undefined;
}

/** Publications in flight while the next indicators are evaluated. */
const MAX_PUBLISHING = 8;

/**
 * Evaluates and publishes the pending indicators (given heaviest first). Each evaluator
 * connection is a pipeline: it sends the next indicator's SQL to DuckDB before checking the
 * current result in JavaScript (declared tests, suppression), so the two overlap; the heavy lanes
 * take indicators from the front and the light lane from the back, so quick indicators run beside
 * the heavy ones. Each result's Parquet is written on the writer connection and its files
 * uploaded while the next indicators are evaluated. One indicator
 * failing doesn't stop the others: it is logged and counted (`IndicatorFailed`) and its previous
 * version stays published. Returns the outcomes, in no particular order.
 */
export async function runIndicatorPass(
  deps: IndicatorPassDeps,
  pending: readonly PendingIndicator[],
): Promise<IndicatorOutcome[]> {
  const { logger } = deps;
  const outcomes: IndicatorOutcome[] = [];
  const publishing = new Set<Promise<void>>();
  let parquetChain: Promise<unknown> = Promise.resolve();

  const publish = (item: PendingIndicator, evaluated: EvaluatedIndicator): Promise<void> => {
    const { definition, inputsHash } = item;
    const id = definition.metadata.id;
    const input = {
      metadata: definition.metadata,
      sqlSha256: definition.sqlSha256,
      inputs: inputsOf(definition, deps.inputs),
      inputsHash,
      rows: evaluated.rows,
      suppressedPrimary: evaluated.suppressedPrimary,
      suppressedComplementary: evaluated.suppressedComplementary,
    };
    let publication: IndicatorPublication;
    try {
      publication = buildIndicatorPublication(input, deps.config.codeVersion);
    } catch (error) {
      outcomes.push(indicatorFailed(logger, id, messageOf(error)));
      return Promise.resolve();
    }
    // Parquet files are written one after the other on the writer connection.
    const parquet = (): Promise<Uint8Array> => {
      const bytes = parquetChain.then(() =>
        jsonRowsToParquet(
          deps.writer,
          definition.metadata,
          publication.dataJson,
          deps.scratchDir,
          id,
        ),
      );
      parquetChain = bytes.catch(() => undefined);
      return bytes;
    };
    return publishIndicator(
      { doc: deps.doc, s3: deps.s3, config: deps.config, now: deps.now },
      { ...input, parquet },
      publication,
    ).then(
      (result) => {
        outcomes.push({
          id,
          status: result.published ? 'published' : 'unchanged',
          version: result.version,
        });
        if (result.published) {
          logger.info('indicator published', { indicator: id, version: result.version });
        }
      },
      (error: unknown) => {
        outcomes.push(indicatorFailed(logger, id, messageOf(error)));
      },
    );
  };

  // The heavy lanes take from the front, the light lane from the back, until they meet.
  let front = 0;
  let back = pending.length;
  const take = (light: boolean): PendingIndicator | undefined =>
    front < back ? (light ? pending[--back] : pending[front++]) : undefined;
  type Queried = { item: PendingIndicator; result: Promise<IndicatorQueryResult> };
  const query = (connection: DuckDBConnection, item: PendingIndicator | undefined) => {
    if (!item) return undefined;
    const result = queryCheckedIndicator(connection, item.definition);
    result.catch(() => undefined); // handled when its turn comes
    return { item, result };
  };
  // Each lane is a pipeline: the next indicator's query is sent to DuckDB before the current
  // result is checked in JavaScript, so the two overlap.
  const evaluator = async (connection: DuckDBConnection, light: boolean) => {
    let current: Queried | undefined = query(connection, take(light));
    while (current) {
      const { item } = current;
      const id = item.definition.metadata.id;
      let result: IndicatorQueryResult;
      try {
        result = await current.result;
      } catch (error) {
        outcomes.push(indicatorFailed(logger, id, messageOf(error)));
        current = query(connection, take(light));
        continue;
      }
      current = query(connection, take(light));
      let evaluated: EvaluatedIndicator;
      try {
        evaluated = checkIndicator(result, item.definition, deps.currentPeriod, deps.registry);
      } catch (error) {
        outcomes.push(indicatorFailed(logger, id, messageOf(error)));
        continue;
      }
      const task = publish(item, evaluated);
      publishing.add(task);
      void task.finally(() => publishing.delete(task));
      while (publishing.size >= MAX_PUBLISHING) await Promise.race(publishing);
    }
  };
  await Promise.all([
    ...deps.evaluators.map((connection) => evaluator(connection, false)),
    ...(deps.lightLane ? [evaluator(deps.lightLane, true)] : []),
  ]);
  await Promise.all(publishing);
  return outcomes;
}

/** Logs an indicator's failure and counts it as the `IndicatorFailed` metric. */
export function indicatorFailed(logger: Logger, id: string, error: string): IndicatorOutcome {
  logger.error('indicator failed', { indicator: id, error });
  logger.metric('IndicatorFailed', 1, { indicator: id });
  return { id, status: 'failed', error };
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readCurrentSnapshot } from '../datasets/current-snapshot.js';
import type { DatasetDefinition } from '../datasets/dataset-definition.js';
import { getDataset } from '../datasets/datasets.js';
import { MAX_METRICS_BODY_BYTES, parseMetricsBody } from '../datasets/parse-metrics-body.js';
import type { MiranteConfig } from '../shared/config.js';
import { monthOf } from '../shared/period.js';
import { type IngestMetricBatchResult, ingestMetricBatch } from './ingest-metric-batch.js';
import { contentSha256 } from './metric-batch-content.js';
import { assertMetricReferences, type MetricReferenceContext } from './metric-reference-errors.js';

/** What {@link submitMetricBatch} needs. */
export interface SubmitMetricBatchDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly config: Pick<MiranteConfig, 'tableName' | 'lakeBucket' | 'timezone'>;
  readonly now: () => Date;
  readonly logger?: { info(message: string, fields?: Record<string, unknown>): void } | undefined;
}

/** A submitted metrics body (HTTP request, `incoming/` file, or the demo seed). */
export interface SubmitMetricBatchInput {
  /** Dataset name from the path or the folder (unknown → 404). */
  readonly dataset: string;
  readonly body: Uint8Array | string;
  readonly contentType: string | undefined;
  readonly submitter: string;
  /** Largest body accepted (default 5 MB, the HTTP limit). */
  readonly maxBytes?: number;
}

/**
 * The one submission path of a metric batch, shared by `POST /v1/metrics/{dataset}`, the
 * `incoming/` files and the demo seed: parse and validate every row (`parseMetricsBody`), check
 * months and references (`assertMetricReferences`), then store it atomically
 * (`ingestMetricBatch`). Any problem is thrown as a `ProblemError` before anything is written.
 */
export async function submitMetricBatch(
  deps: SubmitMetricBatchDeps,
  input: SubmitMetricBatchInput,
): Promise<IngestMetricBatchResult> {
  const dataset = getDataset(input.dataset);
  const parsed = parseMetricsBody(
    dataset,
    input.body,
    input.contentType,
    input.maxBytes ?? MAX_METRICS_BODY_BYTES,
  );
  assertMetricReferences(dataset, parsed, await referenceContext(deps, dataset));
  return ingestMetricBatch(deps, {
    dataset,
    rows: parsed.rows,
    sha256: contentSha256(input.body),
    submitter: input.submitter,
  });
}

/** The current month and, for each referencing column, the referenced snapshot's keys. */
async function referenceContext(
  deps: SubmitMetricBatchDeps,
  dataset: DatasetDefinition,
): Promise<MetricReferenceContext> {
  const allowed = new Map<string, { dataset: string; values: ReadonlySet<string> }>();
  for (const [column, referenced] of Object.entries(dataset.references)) {
    if (typeof referenced !== 'string') continue;
    const target = getDataset(referenced);
    const keyColumn = target.grain[0];
    if (target.kind !== 'snapshot' || target.grain.length !== 1 || keyColumn === undefined) {
      throw new Error(
        `${dataset.name}.${column} must reference a snapshot with a one-column grain`,
      );
    }
    const snapshot = await readCurrentSnapshot(
      {
        doc: deps.doc,
        s3: deps.s3,
        tableName: deps.config.tableName,
        lakeBucket: deps.config.lakeBucket,
      },
      target.name,
    );
    const values = new Set((snapshot?.rows ?? []).map((row) => String(row[keyColumn])));
    allowed.set(column, { dataset: target.name, values });
  }
  return { currentMonth: monthOf(deps.now(), deps.config.timezone), allowed };
}

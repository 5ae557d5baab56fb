import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ingestResultPrefix } from '../shared/lake-layout.js';
import { type ProblemBody, ProblemError } from '../shared/problem.js';
import type { IngestOutcome } from './ingest-metric-batch.js';
import { type SubmitMetricBatchDeps, submitMetricBatch } from './submit-metric-batch.js';

/**
 * Largest file accepted under `incoming/` (HTTP takes 5 MB). Files are read whole in memory: a
 * 20 MB CSV peaks at about 600 MB RSS (fits the function's 1,024 MB) and takes seconds to validate.
 */
export const INCOMING_MAX_BYTES = 20 * 1024 * 1024;

/** Prefix of every staff upload. */
export const INCOMING_ROOT = 'incoming/';

/** Folder used in `ingest-results/rejected/` for a file not placed in a dataset folder. */
export const NO_DATASET_FOLDER = '_no-dataset';

/** What processing an `incoming/` object did. */
export type IncomingResult =
  | {
      readonly outcome: 'processed';
      readonly key: string;
      readonly dataset: string;
      readonly batchId: string;
      readonly rows: number;
      readonly ingest: IngestOutcome;
      /** Where the file now is. */
      readonly movedTo: string;
      readonly reportKey: string;
    }
  | {
      readonly outcome: 'rejected';
      readonly key: string;
      readonly dataset: string;
      readonly movedTo: string;
      /** The machine-readable error report beside the file (`<name>.errors.json`). */
      readonly reportKey: string;
      readonly problem: ProblemBody;
    }
  | {
      readonly outcome: 'skipped';
      readonly key: string;
      /** `gone`: already moved (a duplicate event); `folder`: a folder marker; `outside`: not under incoming/. */
      readonly reason: 'gone' | 'folder' | 'outside';
    };

/** What {@link processIncomingObject} needs: the submission path plus the bucket. */
export interface ProcessIncomingDeps extends SubmitMetricBatchDeps {
  readonly maxBytes?: number;
}

/** Which object to process. */
export interface IncomingObject {
  readonly bucket: string;
  /** The object key (already URL-decoded). */
  readonly key: string;
  /** Who uploaded it, recorded as the batch's submitter. */
  readonly submitter: string;
}

const SPREADSHEET_EXTENSIONS = new Set(['xlsx', 'xls', 'xlsm', 'ods', 'numbers']);

/** The media type of an uploaded file, from its name: `.json` JSON, anything else CSV. */
function mediaTypeOf(name: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === 'json') return 'application/json';
  if (extension && SPREADSHEET_EXTENSIONS.has(extension)) {
    throw new ProblemError('unsupported-media-type', {
      detail: `${name} is a spreadsheet workbook. Save it as "CSV UTF-8" and upload the .csv file.`,
    });
  }
  return 'text/csv';
}

/**
 * Processes one staff upload under `incoming/<dataset>/<name>` with the same validation as
 * `POST /v1/metrics/{dataset}` (up to 20 MB): on success the batch is stored and the file moves
 * to `ingest-results/processed/<dataset>/<name>` with `<name>.result.json` (batch id, rows,
 * outcome) beside it; on any 4xx problem (unknown dataset, bad header, invalid rows, too large,
 * a workbook instead of CSV) it moves to `ingest-results/rejected/<dataset>/<name>` with
 * `<name>.errors.json`, the problem as the HTTP API would answer it. Moving is copy + delete,
 * outside `incoming/`, so nothing triggers again.
 *
 * Duplicate events are harmless: an object already moved is skipped (`gone`), and the same
 * content gives the same batch id (`unchanged`). Outages (S3 or DynamoDB unreachable) are
 * thrown and the file stays where it is, so the event's retry (or the next local poll) tries
 * again.
 */
export async function processIncomingObject(
  deps: ProcessIncomingDeps,
  object: IncomingObject,
): Promise<IncomingResult> {
  const { bucket, key } = object;
  if (!key.startsWith(INCOMING_ROOT)) return { outcome: 'skipped', key, reason: 'outside' };
  const relative = key.slice(INCOMING_ROOT.length);
  if (relative === '' || relative.endsWith('/')) {
    return { outcome: 'skipped', key, reason: 'folder' };
  }
  const slash = relative.indexOf('/');
  const dataset = slash > 0 ? relative.slice(0, slash) : NO_DATASET_FOLDER;
  const name = slash > 0 ? relative.slice(slash + 1) : relative;
  const maxBytes = deps.maxBytes ?? INCOMING_MAX_BYTES;

  let body: Uint8Array;
  try {
    const found = await deps.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if ((found.ContentLength ?? 0) > maxBytes) {
      (found.Body as Readable | undefined)?.destroy?.();
      return reject(deps, object, dataset, name, tooLarge(found.ContentLength ?? 0, maxBytes));
    }
    body = (await found.Body?.transformToByteArray()) ?? new Uint8Array();
  } catch (error) {
    if (isNoSuchKey(error)) return { outcome: 'skipped', key, reason: 'gone' };
    throw error;
  }

  try {
    if (dataset === NO_DATASET_FOLDER) {
      throw new ProblemError('not-found', {
        detail: `Put the file in the folder of its dataset: incoming/<dataset>/${name}.`,
      });
    }
    const result = await submitMetricBatch(deps, {
      dataset,
      body,
      contentType: mediaTypeOf(name),
      submitter: object.submitter,
      maxBytes,
    });
    const movedTo = `${ingestResultPrefix('processed', dataset)}${name}`;
    const reportKey = `${movedTo}.result.json`;
    await putJson(deps.s3, bucket, reportKey, {
      source: key,
      dataset,
      batchId: result.batchId,
      rows: result.rows,
      outcome: result.outcome,
      replaced: result.replaced,
      batch: `/v1/metrics/${dataset}/batches/${result.batchId}`,
      processedAt: deps.now().toISOString(),
    });
    if (!(await move(deps.s3, bucket, key, movedTo))) {
      return { outcome: 'skipped', key, reason: 'gone' };
    }
    return {
      outcome: 'processed',
      key,
      dataset,
      batchId: result.batchId,
      rows: result.rows,
      ingest: result.outcome,
      movedTo,
      reportKey,
    };
  } catch (error) {
    if (error instanceof ProblemError && error.status < 500) {
      return reject(deps, object, dataset, name, error);
    }
    throw error;
  }
}

async function reject(
  deps: ProcessIncomingDeps,
  object: IncomingObject,
  dataset: string,
  name: string,
  problem: ProblemError,
): Promise<IncomingResult> {
  const movedTo = `${ingestResultPrefix('rejected', dataset)}${name}`;
  const reportKey = `${movedTo}.errors.json`;
  const body = problem.toBody(object.key);
  await putJson(deps.s3, object.bucket, reportKey, {
    source: object.key,
    dataset,
    rejectedAt: deps.now().toISOString(),
    problem: body,
  });
  if (!(await move(deps.s3, object.bucket, object.key, movedTo))) {
    return { outcome: 'skipped', key: object.key, reason: 'gone' };
  }
  deps.logger?.info('incoming file rejected', { key: object.key, type: body.type });
  return { outcome: 'rejected', key: object.key, dataset, movedTo, reportKey, problem: body };
}

const tooLarge = (size: number, max: number) =>
  new ProblemError('payload-too-large', {
    detail: `The file has ${size} bytes; files under incoming/ may have at most ${max}. Split it (e.g. by month).`,
  });

async function putJson(s3: S3Client, bucket: string, key: string, value: unknown) {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: `${JSON.stringify(value, null, 2)}\n`,
      ContentType: 'application/json',
    }),
  );
}

/** Copies then deletes; false when the source is already gone (another run moved it). */
async function move(s3: S3Client, bucket: string, from: string, to: string): Promise<boolean> {
  try {
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: to,
        CopySource: `${bucket}/${encodeURIComponent(from).replaceAll('%2F', '/')}`,
      }),
    );
  } catch (error) {
    if (isNoSuchKey(error)) return false;
    throw error;
  }
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: from }));
  return true;
}

function isNoSuchKey(error: unknown): boolean {
  return (
    error instanceof NoSuchKey ||
    (error as { name?: string }).name === 'NoSuchKey' ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
  );
}

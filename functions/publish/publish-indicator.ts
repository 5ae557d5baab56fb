import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IndicatorMetadata } from '../indicators/indicator-metadata.js';
import type { MiranteConfig } from '../shared/config.js';
import { publishedIndicatorKey } from '../shared/lake-layout.js';
import { manifestIndexKey, manifestKey, versionKey } from '../shared/table-keys.js';
import {
  type IndicatorDocument,
  type Receipt,
  type ReceiptInput,
  toPublishedIndicator,
} from './indicator-document.js';
import type { IndicatorRow } from './indicator-row.js';
import { type Manifest, readManifest, toItemAttributes } from './manifest.js';
import { rowColumns } from './row-columns.js';
import { rowsToCsv } from './rows-to-csv.js';

/** What publishing needs. */
export interface PublishDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly config: Pick<MiranteConfig, 'tableName' | 'lakeBucket' | 'codeVersion'>;
  readonly now: () => Date;
}

/** One computed, privacy-checked result ready to publish. */
export interface PublishInput {
  readonly metadata: IndicatorMetadata;
  readonly sqlSha256: string;
  readonly inputs: readonly ReceiptInput[];
  readonly inputsHash: string;
  /** Rows after suppression, in the order to publish. */
  readonly rows: readonly IndicatorRow[];
  readonly suppressedPrimary: number;
  readonly suppressedComplementary: number;
  /**
   * The Parquet bytes of the same rows, when the caller can write Parquet (compute has DuckDB);
   * or a function that writes them, called only when a new version is published, while the JSON
   * and CSV files upload.
   */
  readonly parquet?: Uint8Array | (() => Promise<Uint8Array>) | undefined;
}

/** Outcome of a publication. */
export interface PublishResult {
  readonly version: string;
  /** False when the content equals the latest version: nothing was written. */
  readonly published: boolean;
  readonly manifest: Manifest;
}

/**
 * Builds the indicator document (unless the caller passes the `publication` it already built
 * from the same input), derives its version id from the content, and — unless the
 * latest version already has that id — writes the JSON, CSV (and Parquet) files, a version
 * record and, last, the manifest that points readers at it. Readers never see a half-published
 * version: the manifest moves only after every file is written.
 */
export async function publishIndicator(
  deps: PublishDeps,
  input: PublishInput,
  publication: IndicatorPublication = buildIndicatorPublication(input, deps.config.codeVersion),
): Promise<PublishResult> {
  const { doc, s3, config } = deps;
  const { document, json } = publication;
  const version = document.receipt.version;
  const id = input.metadata.id;
  const current = await readManifest(doc, config.tableName, id);
  if (current?.version === version) {
    return { version, published: false, manifest: current };
  }

  const jsonKey = publishedIndicatorKey(id, version, 'json');
  const csvKey = publishedIndicatorKey(id, version, 'csv');
  const parquetKey = input.parquet ? publishedIndicatorKey(id, version, 'parquet') : undefined;
  const put = (key: string, body: string | Uint8Array, contentType: string) =>
    s3.send(
      new PutObjectCommand({
        Bucket: config.lakeBucket,
        Key: key,
        Body: body,
        ContentType: contentType,
      }),
    );
  // The three files upload together; the manifest moves only after all of them are written.
  const { parquet } = input;
  const uploads = [put(jsonKey, json, 'application/json')];
  if (parquetKey && parquet) {
    uploads.push(
      (typeof parquet === 'function' ? parquet() : Promise.resolve(parquet)).then((bytes) =>
        put(parquetKey, bytes, 'application/vnd.apache.parquet'),
      ),
    );
  }
  uploads.push(
    put(
      csvKey,
      rowsToCsv(rowColumns(input.metadata), document.data),
      'text/csv; charset=utf-8; header=present',
    ),
  );
  await Promise.all(uploads);

  const computedAt = deps.now().toISOString();
  const manifest: Manifest = {
    indicatorId: id,
    version,
    computedAt,
    jsonKey,
    csvKey,
    parquetKey,
    inputsHash: input.inputsHash,
    rowCount: document.data.length,
  };
  await doc.send(
    new PutCommand({
      TableName: config.tableName,
      Item: { ...versionKey(id, computedAt, version), ...toItemAttributes(manifest) },
    }),
  );
  await doc.send(
    new PutCommand({
      TableName: config.tableName,
      Item: { ...manifestKey(id), ...manifestIndexKey(id), ...toItemAttributes(manifest) },
    }),
  );
  return { version, published: true, manifest };
}

/**
 * The published document of a result. The version id is the first 16 hex digits of the SHA-256
 * of the content without the id itself, so identical inputs give identical bytes and ids.
 */
export function buildIndicatorDocument(
  input: PublishInput,
  codeVersion: string,
): IndicatorDocument {
  return buildIndicatorPublication(input, codeVersion).document;
}

/** A result ready to write: the document and its serialised forms. */
export interface IndicatorPublication {
  readonly document: IndicatorDocument;
  /** The JSON file's exact bytes (UTF-8). */
  readonly json: Uint8Array;
  /** The `data` array's JSON bytes (a view into `json`), which the Parquet file is written from. */
  readonly dataJson: Uint8Array;
}

/** The published document of a result and its JSON text (the file's exact bytes). */
export function buildIndicatorPublication(
  input: Omit<PublishInput, 'parquet'>,
  codeVersion: string,
): IndicatorPublication {
  const indicator = toPublishedIndicator(input.metadata);
  const receiptWithoutVersion: Omit<Receipt, 'version'> = {
    sqlSha256: input.sqlSha256,
    inputs: input.inputs,
    codeVersion,
    privacy: {
      rule: 'min-cell',
      minCell: input.metadata.min_cell,
      suppressedPrimary: input.suppressedPrimary,
      suppressedComplementary: input.suppressedComplementary,
    },
    rowCount: input.rows.length,
  };
  const columns = rowColumns(input.metadata);
  // Rows that hold exactly the columns in the published order (as the engine's do) are serialised
  // as they are; rows that hold every column in another order through the column list; any other
  // row is first copied with the missing columns as null.
  let inOrder = true;
  const data = input.rows.map((row) => {
    if (hasColumnsInOrder(row, columns)) return row;
    if (columns.every((c) => row[c] !== undefined)) {
      inOrder = false;
      return row;
    }
    const ordered: Record<string, unknown> = {};
    for (const c of columns) ordered[c] = row[c] ?? null;
    return ordered as IndicatorRow;
  });
  return buildDocumentAndJson(indicator, receiptWithoutVersion, data, inOrder ? null : columns);
}

/** Whether a row's own keys are exactly `columns`, in that order, none of them undefined. */
function hasColumnsInOrder(row: IndicatorRow, columns: readonly string[]): boolean {
  let k = 0;
  for (const key in row) {
    if (key !== columns[k] || row[key] === undefined) return false;
    k++;
  }
  return k === columns.length;
}

/**
 * The document and its JSON text, serialising the rows (the bulk of it) once: the version id
 * hashes the same text the file holds, minus the id itself.
 */
function buildDocumentAndJson(
  indicator: IndicatorDocument['indicator'],
  receiptWithoutVersion: Omit<Receipt, 'version'>,
  data: IndicatorRow[],
  columns: readonly string[] | null,
): IndicatorPublication {
  const indicatorJson = JSON.stringify(indicator);
  // Rows whose keys are not already in the published order get it from the column list, as
  // replacer.
  const dataJson = Buffer.from(
    columns ? JSON.stringify(data, columns as string[]) : JSON.stringify(data),
  );
  const version = createHash('sha256')
    .update(indicatorJson)
    .update(JSON.stringify(receiptWithoutVersion))
    .update(dataJson)
    .digest('hex')
    .slice(0, 16);
  const receipt: Receipt = { version, ...receiptWithoutVersion };
  // What JSON.stringify(document) gives (rows with their keys in column order), without
  // serialising the rows twice; the rows' text is encoded once and its bytes shared.
  const head = Buffer.from(
    `{"indicator":${indicatorJson},"receipt":${JSON.stringify(receipt)},"data":`,
  );
  const json = Buffer.concat([head, dataJson, CLOSING_BRACE]);
  return {
    document: { indicator, receipt, data },
    json,
    dataJson: json.subarray(head.length, head.length + dataJson.length),
  };
}

const CLOSING_BRACE = Buffer.from('}');

import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GSI1, manifestKey, VERSION_SK_PREFIX } from '../shared/table-keys.js';

/** The manifest of an indicator: where its latest published version lives. */
export interface Manifest {
  readonly indicatorId: string;
  readonly version: string;
  readonly computedAt: string;
  readonly jsonKey: string;
  readonly csvKey: string;
  readonly parquetKey?: string | undefined;
  /** Hash of the inputs of the run that produced this version (skips unchanged recomputes). */
  readonly inputsHash: string;
  readonly rowCount: number;
}

/** A version record: one entry of an indicator's published history. */
export type VersionRecord = Manifest;

/** Reads an indicator's manifest, if it has been published. */
export async function readManifest(
  doc: DynamoDBDocumentClient,
  tableName: string,
  indicatorId: string,
): Promise<Manifest | undefined> {
  const { Item } = await doc.send(
    new GetCommand({ TableName: tableName, Key: manifestKey(indicatorId) }),
  );
  return Item ? fromItem(Item) : undefined;
}

/** Reads every manifest with one query on the GSI (the catalogue). */
export async function listManifests(
  doc: DynamoDBDocumentClient,
  tableName: string,
): Promise<Manifest[]> {
  const out: Manifest[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'MANIFESTS' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) out.push(fromItem(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/** Lists an indicator's published versions, newest first. */
export async function listVersions(
  doc: DynamoDBDocumentClient,
  tableName: string,
  indicatorId: string,
  limit = 100,
): Promise<VersionRecord[]> {
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': manifestKey(indicatorId).pk,
        ':prefix': VERSION_SK_PREFIX,
      },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map(fromItem);
}

/** The table attributes (snake_case) of a manifest or version record. */
export function toItemAttributes(m: Manifest): Record<string, unknown> {
  return {
    indicator_id: m.indicatorId,
    version: m.version,
    computed_at: m.computedAt,
    json_key: m.jsonKey,
    csv_key: m.csvKey,
    parquet_key: m.parquetKey,
    inputs_hash: m.inputsHash,
    row_count: m.rowCount,
  };
}

function fromItem(item: Record<string, unknown>): Manifest {
  return {
    indicatorId: String(item.indicator_id),
    version: String(item.version),
    computedAt: String(item.computed_at),
    jsonKey: String(item.json_key),
    csvKey: String(item.csv_key),
    parquetKey: typeof item.parquet_key === 'string' ? item.parquet_key : undefined,
    inputsHash: String(item.inputs_hash ?? ''),
    rowCount: Number(item.row_count ?? 0),
  };
}

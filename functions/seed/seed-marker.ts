import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { watermarkKey } from '../shared/table-keys.js';

/** Name of the demo seed's watermark item (`WATERMARK#demo-seed`). */
export const DEMO_SEED_WATERMARK = 'demo-seed';

/**
 * The demo seed's record in the table, a named watermark: `loading` from the moment a seed
 * starts (with the parameters it runs with, so an interrupted seed resumes with the same `today`
 * and rewrites identical objects), `complete` with its summary once everything is loaded.
 */
export interface SeedMarker {
  readonly status: 'loading' | 'complete';
  /** The instant the city was generated for (UTC ISO). */
  readonly today: string;
  readonly seed: number;
  readonly ratings: number;
  readonly startedAt: string;
  /** The summary of a complete seed (JSON). */
  readonly summary?: unknown;
}

/** Reads the demo seed's marker, if a seed ever started on this stack. */
export async function readSeedMarker(
  doc: DynamoDBDocumentClient,
  tableName: string,
): Promise<SeedMarker | undefined> {
  const { Item } = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: watermarkKey(DEMO_SEED_WATERMARK),
      ConsistentRead: true,
    }),
  );
  if (!Item) return undefined;
  return {
    status: Item.status === 'complete' ? 'complete' : 'loading',
    today: String(Item.today),
    seed: Number(Item.seed),
    ratings: Number(Item.ratings),
    startedAt: String(Item.started_at),
    ...(typeof Item.summary === 'string' ? { summary: JSON.parse(Item.summary) } : {}),
  };
}

/**
 * Writes the marker. A new `loading` marker is a conditional put (two seeds can't start on one
 * stack at once: the second gets false); the `complete` marker overwrites it.
 */
export async function writeSeedMarker(
  doc: DynamoDBDocumentClient,
  tableName: string,
  marker: SeedMarker,
  options: { readonly onlyIfAbsent?: boolean } = {},
): Promise<boolean> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...watermarkKey(DEMO_SEED_WATERMARK),
          status: marker.status,
          today: marker.today,
          seed: marker.seed,
          ratings: marker.ratings,
          started_at: marker.startedAt,
          ...(marker.summary === undefined ? {} : { summary: JSON.stringify(marker.summary) }),
        },
        ...(options.onlyIfAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (options.onlyIfAbsent && error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

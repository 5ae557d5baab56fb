/**
 * One rating as it is exported to the lake (snake_case, like every dataset column). The same
 * shape is stored in DynamoDB minus the server-side key attributes.
 */
export interface FeedbackRecord {
  readonly id: string;
  readonly service_id: string;
  readonly rating: number;
  readonly outcome: string;
  readonly channel: string;
  readonly region: string | null;
  readonly reason: string | null;
  readonly comment: string | null;
  readonly received_at: string;
  readonly collected_at: string;
  readonly month: string;
}

/** Names of the lake columns of feedback, in file order. */
export const FEEDBACK_COLUMNS = [
  'id',
  'service_id',
  'rating',
  'outcome',
  'channel',
  'region',
  'reason',
  'comment',
  'received_at',
  'collected_at',
  'month',
] as const satisfies readonly (keyof FeedbackRecord)[];

import type { MetricBatchRecord } from './metric-batch-record.js';

/** The state of a batch: its rows are (partly) in force, all superseded, or withdrawn. */
export type BatchState = 'current' | 'replaced' | 'retracted';

/** Which batch is in force for each replacement-key value, and each batch's state. */
export interface ResolvedBatches {
  /** Replacement-key value (`*` for a snapshot) → the batch in force for it. */
  readonly currentByKey: ReadonlyMap<string, string>;
  /** Batch id → its state. */
  readonly states: ReadonlyMap<string, BatchState>;
  /** Batch id → the replacement-key values it is in force for (its rows to keep). */
  readonly keysInForce: ReadonlyMap<string, readonly string[]>;
}

/**
 * Resolves a dataset's batches: for every replacement-key value, the non-retracted batch that
 * was activated last is in force (ties broken by batch id, so the answer is deterministic). A
 * batch in force for at least one value is `current`; one in force for none is `replaced`; a
 * retracted batch is `retracted` whatever its keys.
 */
export function resolveBatches(records: readonly MetricBatchRecord[]): ResolvedBatches {
  const live = records
    .filter((r) => !r.retractedAt)
    .sort((a, b) =>
      a.activatedAt === b.activatedAt
        ? a.batchId.localeCompare(b.batchId)
        : a.activatedAt.localeCompare(b.activatedAt),
    );
  const currentByKey = new Map<string, string>();
  for (const record of live) {
    for (const key of record.replacementKeys) currentByKey.set(key, record.batchId);
  }
  const keysInForce = new Map<string, string[]>();
  for (const [key, batchId] of currentByKey) {
    const list = keysInForce.get(batchId) ?? [];
    list.push(key);
    keysInForce.set(batchId, list);
  }
  const states = new Map<string, BatchState>();
  for (const record of records) {
    states.set(
      record.batchId,
      record.retractedAt ? 'retracted' : keysInForce.has(record.batchId) ? 'current' : 'replaced',
    );
  }
  for (const list of keysInForce.values()) list.sort();
  return { currentByKey, states, keysInForce };
}

/** The replacement-key value of a row (`*` for a snapshot dataset). */
export function replacementKeyOf(
  row: Readonly<Record<string, unknown>>,
  replacementKey: readonly string[],
): string {
  return replacementKey.length === 0 ? '*' : replacementKey.map((c) => String(row[c])).join('|');
}

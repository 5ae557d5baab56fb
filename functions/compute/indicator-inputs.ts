import { createHash } from 'node:crypto';
import type { IndicatorDefinition } from '../indicators/indicator-metadata.js';
import type { ReceiptInput } from '../publish/indicator-document.js';

/** The curated objects of each dataset (key, ETag, rows), by dataset name. */
export type CuratedInputs = ReadonlyMap<string, readonly ReceiptInput[]>;

/** The curated objects an indicator reads: those of its source datasets, in source order. */
export function inputsOf(definition: IndicatorDefinition, inputs: CuratedInputs): ReceiptInput[] {
  return definition.metadata.sources.flatMap((source) => [...(inputs.get(source) ?? [])]);
}

/**
 * Identifies everything a publication depends on: the SQL, the metadata, the curated input
 * objects (keys and ETags), the code version and the current month (which decides the `p`
 * status). Equal to the manifest's hash → the indicator is not computed again.
 */
export function hashIndicatorInputs(
  definition: IndicatorDefinition,
  inputs: CuratedInputs,
  codeVersion: string,
  currentPeriod: string,
): string {
  const hash = createHash('sha256');
  hash.update(definition.sqlSha256);
  hash.update(JSON.stringify(definition.metadata));
  hash.update(codeVersion);
  hash.update(currentPeriod);
  for (const input of inputsOf(definition, inputs)) hash.update(`${input.key}\0${input.etag}\n`);
  return hash.digest('hex');
}

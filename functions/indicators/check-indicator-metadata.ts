import { breakdownKey } from './breakdown-key.js';
import type { DefinitionProblem } from './definition-error.js';
import type { DimensionRegistry } from './dimension-registry.js';
import type { IndicatorMetadata } from './indicator-metadata.js';

/** What the cross checks of one indicator's metadata need besides the metadata. */
export interface MetadataCheckContext {
  /** The metadata file (named in every problem). */
  readonly file: string;
  /** The id the file name implies (`wifi-reach` for `wifi-reach.yaml`). */
  readonly fileId: string;
  /** Smallest `min_cell` allowed on this stage; only indicators counting things may declare 0. */
  readonly minCellFloor: number;
  /** The dimension registry; every declared dimension must be in it. */
  readonly registry?: DimensionRegistry | undefined;
  /** Dataset names `sources` may name. */
  readonly knownSources?: readonly string[] | undefined;
}

const RESERVED_COLUMNS = new Set(['period', 'value', 'n', 'status']);

/**
 * Checks what the schema alone can't: the id matches the file name, breakdowns, headline and
 * tests refer to declared dimensions, measures and columns, dimensions exist in the registry,
 * and `min_cell` respects the stage's floor. Returns every problem found (empty when valid).
 */
export function checkIndicatorMetadata(
  metadata: IndicatorMetadata,
  context: MetadataCheckContext,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ file: context.file, field, message });

  if (metadata.id !== context.fileId) {
    add('id', `"${metadata.id}" does not match the file name (expected "${context.fileId}")`);
  }

  const dimensions = new Set<string>();
  metadata.dimensions.forEach((dimension, i) => {
    if (dimensions.has(dimension)) add(`dimensions[${i}]`, `"${dimension}" is declared twice`);
    if (RESERVED_COLUMNS.has(dimension))
      add(`dimensions[${i}]`, `"${dimension}" is a reserved column name`);
    if (context.registry && !context.registry.dimensions[dimension]) {
      add(`dimensions[${i}]`, `"${dimension}" is not in the dimension registry (dimensions.yaml)`);
    }
    dimensions.add(dimension);
  });

  const measures = new Set<string>();
  metadata.measures.forEach((measure, i) => {
    if (measures.has(measure.name))
      add(`measures[${i}].name`, `"${measure.name}" is declared twice`);
    if (measure.name !== 'value' && RESERVED_COLUMNS.has(measure.name)) {
      add(`measures[${i}].name`, `"${measure.name}" is a reserved column name`);
    }
    if (dimensions.has(measure.name)) {
      add(`measures[${i}].name`, `"${measure.name}" is also a dimension`);
    }
    if (measure.name === 'value' && measure.unit !== metadata.unit) {
      add(
        `measures[${i}].unit`,
        `the value measure's unit "${measure.unit}" differs from unit "${metadata.unit}"`,
      );
    }
    measures.add(measure.name);
  });
  if (!measures.has('value')) add('measures', 'no measure is named "value"');

  const used = new Set<string>();
  const breakdownKeys = new Set<string>();
  metadata.breakdowns.forEach((breakdown, i) => {
    const seen = new Set<string>();
    breakdown.forEach((dimension, j) => {
      if (!dimensions.has(dimension)) {
        add(`breakdowns[${i}][${j}]`, `"${dimension}" is not a declared dimension`);
      } else if (seen.has(dimension)) {
        add(`breakdowns[${i}][${j}]`, `"${dimension}" appears twice in the same breakdown`);
      }
      seen.add(dimension);
      used.add(dimension);
    });
    const key = breakdownKey(breakdown);
    if (breakdownKeys.has(key))
      add(`breakdowns[${i}]`, `[${breakdown.join(', ')}] is declared twice`);
    breakdownKeys.add(key);
  });
  metadata.dimensions.forEach((dimension, i) => {
    if (!used.has(dimension)) add(`dimensions[${i}]`, `"${dimension}" is in no breakdown`);
  });

  const floorOk =
    metadata.min_cell >= context.minCellFloor ||
    (metadata.min_cell === 0 && metadata.n?.counts === 'things');
  if (!floorOk) {
    add(
      'min_cell',
      `${metadata.min_cell} is below the floor ${context.minCellFloor} (only an indicator whose n counts things, n.counts: things, may declare 0)`,
    );
  }

  if (!breakdownKeys.has(breakdownKey(metadata.headline.breakdown))) {
    add(
      'headline.breakdown',
      `[${metadata.headline.breakdown.join(', ')}] is not one of the declared breakdowns`,
    );
  }
  if (metadata.headline.measure !== 'n' && !measures.has(metadata.headline.measure)) {
    add('headline.measure', `"${metadata.headline.measure}" is not a declared measure`);
  }

  const columns = new Set(['period', ...dimensions, 'n', ...measures]);
  metadata.tests.forEach((test, i) => {
    if (test.test === 'unique_grain') return;
    if (!columns.has(test.column)) {
      add(`tests[${i}].column`, `"${test.column}" is not a column of the result rows`);
    }
    if (test.test === 'range') {
      if (test.min === undefined && test.max === undefined)
        add(`tests[${i}]`, 'a range test needs min or max');
      if (test.min !== undefined && test.max !== undefined && test.min > test.max) {
        add(`tests[${i}]`, `min ${test.min} is greater than max ${test.max}`);
      }
    }
  });

  if (context.knownSources) {
    const known = new Set(context.knownSources);
    metadata.sources.forEach((source, i) => {
      if (!known.has(source)) add(`sources[${i}]`, `"${source}" is not a known dataset`);
    });
  }
  return problems;
}

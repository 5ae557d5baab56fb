import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkIndicatorMetadata } from './check-indicator-metadata.js';
import { DefinitionError, type DefinitionProblem } from './definition-error.js';
import { DIMENSION_REGISTRY_FILE, type DimensionRegistry } from './dimension-registry.js';
import { type IndicatorDefinition, indicatorMetadataSchema } from './indicator-metadata.js';
import { loadDimensionRegistry } from './load-dimension-registry.js';
import { readYamlFile } from './read-yaml-file.js';
import { SOURCE_DATASETS } from './source-datasets.js';
import { zodProblems } from './zod-problems.js';

/** Options of {@link loadIndicators}. */
export interface LoadIndicatorsOptions {
  /** The stage's smallest allowed `min_cell` (`MiranteConfig.minCellFloor`). */
  readonly minCellFloor: number;
  /** The dimension registry; read from `<dir>/dimensions.yaml` when not given. */
  readonly registry?: DimensionRegistry;
  /** Dataset names `sources` may name; the lake's datasets when not given. */
  readonly knownSources?: readonly string[];
}

/**
 * Loads every indicator of a queries folder: each `<id>.yaml` (validated by
 * `indicatorMetadataSchema` and cross-checked) with its `<id>.sql` and the SQL's SHA-256.
 * Collects every problem of every file and throws one {@link DefinitionError} listing them,
 * each as `file: field: message`. Returns the definitions sorted by id.
 */
export async function loadIndicators(
  dir: string,
  options: LoadIndicatorsOptions,
): Promise<IndicatorDefinition[]> {
  const problems: DefinitionProblem[] = [];
  const names = (await readdir(dir)).sort();
  const registry =
    options.registry ??
    (await collect(problems, () => loadDimensionRegistry(join(dir, DIMENSION_REGISTRY_FILE))));

  const yamlIds = new Set<string>();
  for (const name of names) {
    if (name.endsWith('.yml')) {
      problems.push({ file: join(dir, name), field: '', message: 'use the .yaml extension' });
    } else if (name.endsWith('.yaml') && name !== DIMENSION_REGISTRY_FILE) {
      yamlIds.add(name.slice(0, -'.yaml'.length));
    } else if (name.endsWith('.sql') && !names.includes(`${name.slice(0, -'.sql'.length)}.yaml`)) {
      problems.push({
        file: join(dir, name),
        field: '',
        message: `has no metadata file beside it (expected ${join(dir, `${name.slice(0, -4)}.yaml`)})`,
      });
    }
  }

  const definitions: IndicatorDefinition[] = [];
  for (const id of yamlIds) {
    const file = join(dir, `${id}.yaml`);
    const raw = await collect(problems, () => readYamlFile(file));
    if (raw === undefined) continue;
    const parsed = indicatorMetadataSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(file, parsed.error));
      continue;
    }
    const metadata = parsed.data;
    problems.push(
      ...checkIndicatorMetadata(metadata, {
        file,
        fileId: id,
        minCellFloor: options.minCellFloor,
        registry,
        knownSources: options.knownSources ?? SOURCE_DATASETS,
      }),
    );
    const sqlFile = join(dir, `${id}.sql`);
    if (!names.includes(`${id}.sql`)) {
      problems.push({
        file,
        field: '',
        message: `has no SQL file beside it (expected ${sqlFile})`,
      });
      continue;
    }
    const bytes = await readFile(sqlFile);
    const sql = bytes.toString('utf8');
    if (sql.trim() === '') {
      problems.push({ file: sqlFile, field: '', message: 'is empty' });
      continue;
    }
    const sqlSha256 = createHash('sha256').update(bytes).digest('hex');
    definitions.push({ metadata, sql, sqlSha256, file });
  }

  if (problems.length > 0) throw new DefinitionError(problems);
  return definitions.sort((a, b) => (a.metadata.id < b.metadata.id ? -1 : 1));
}

async function collect<T>(
  problems: DefinitionProblem[],
  load: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

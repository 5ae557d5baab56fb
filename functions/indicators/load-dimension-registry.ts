import { DefinitionError } from './definition-error.js';
import { type DimensionRegistry, dimensionRegistrySchema } from './dimension-registry.js';
import { readYamlFile } from './read-yaml-file.js';
import { zodProblems } from './zod-problems.js';

/**
 * Reads and validates the dimension registry (`queries/dimensions.yaml`). Throws a
 * {@link DefinitionError} naming the file and each invalid field.
 */
export async function loadDimensionRegistry(file: string): Promise<DimensionRegistry> {
  const parsed = dimensionRegistrySchema.safeParse(await readYamlFile(file));
  if (!parsed.success) throw new DefinitionError(zodProblems(file, parsed.error));
  return parsed.data;
}

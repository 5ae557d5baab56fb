import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { DefinitionError } from './definition-error.js';

/**
 * Reads and parses one YAML file of `queries/` (duplicate keys are an error). A missing file or a
 * syntax error becomes a {@link DefinitionError} naming the file.
 */
export async function readYamlFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DefinitionError([
      { file, field: '', message: `cannot be read (${errorText(error)})` },
    ]);
  }
  try {
    return parse(text, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    throw new DefinitionError([
      { file, field: '', message: `is not valid YAML: ${errorText(error)}` },
    ]);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

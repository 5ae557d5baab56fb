/** One problem found in a file of `queries/`: the file, the field (a path such as `breakdowns[1][0]`) and what is wrong. */
export interface DefinitionProblem {
  readonly file: string;
  readonly field: string;
  readonly message: string;
}

/** Formats a problem as `file: field: message` (the form every loader error uses). */
export function formatProblem(problem: DefinitionProblem): string {
  return problem.field
    ? `${problem.file}: ${problem.field}: ${problem.message}`
    : `${problem.file}: ${problem.message}`;
}

/**
 * Thrown when an indicator definition or the dimension registry in `queries/` is not valid. The
 * message lists every problem, one per line, each naming the file and the field.
 */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
  readonly problems: readonly DefinitionProblem[];

  constructor(problems: readonly DefinitionProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

/** Renders a zod or YAML path as `breakdowns[1][0]`, `title.pt-BR` or `tests[0].column`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

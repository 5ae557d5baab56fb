import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Thrown for a command-line usage mistake; printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses a command's options, turning parse failures into {@link UsageError}s. */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: O,
) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

import { PassThrough, Writable } from 'node:stream';
import type { CommandContext } from '../../../cli/command-context.js';
import type { QueryIo } from '../../../cli/query/query-io.js';

/** Streams for a command under test, with what it printed. */
export interface TestIo extends QueryIo {
  readonly out: () => string;
  readonly err: () => string;
}

function memory(isTTY: boolean, columns?: number) {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      parts.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { isTTY, columns, text: () => parts.join('') });
}

/** Test streams: stdin holds `input` (ended); TTY flags as given. */
export function testIo(
  options: {
    input?: string;
    stdinTTY?: boolean;
    stdoutTTY?: boolean;
    stderrTTY?: boolean;
    columns?: number;
  } = {},
): TestIo {
  const stdin = Object.assign(new PassThrough(), { isTTY: options.stdinTTY ?? false });
  stdin.end(options.input ?? '');
  const stdout = memory(options.stdoutTTY ?? false, options.columns);
  const stderr = memory(options.stderrTTY ?? false, options.columns);
  return { stdin, stdout, stderr, out: stdout.text, err: stderr.text };
}

/** A command context in `cwd`; `print` goes to the test stdout. */
export function testContext(
  cwd: string,
  argv: string[],
  io: TestIo,
  env: Record<string, string> = {},
): CommandContext {
  return { argv, env, cwd, print: (line) => io.stdout.write(`${line}\n`) };
}

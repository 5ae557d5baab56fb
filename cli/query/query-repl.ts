import { createInterface } from 'node:readline';
import { appendHistory, HISTORY_LIMIT, loadHistory } from './query-history.js';
import { isStatementComplete } from './statement-complete.js';

/** What the interactive prompt does with the analyst's input. */
export interface ReplHandlers {
  /** Runs one statement; the signal aborts it (Ctrl-C). Errors are printed by the prompt. */
  run(sql: string, signal: AbortSignal): Promise<void>;
  /** Lines describing the views (`.describe`). */
  describe(): Promise<string[]>;
  /** Switches the output format (`.format csv`); returns an error message or undefined. */
  setFormat(format: string): string | undefined;
  /** Sets the statement timeout (`.timeout 30`); returns an error message or undefined. */
  setTimeoutSeconds(seconds: number): string | undefined;
}

/** Streams and files of the interactive prompt. */
export interface ReplOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Whether the input is a terminal (line editing, Ctrl-C handling, history navigation). */
  readonly terminal: boolean;
  readonly historyFile: string;
  readonly handlers: ReplHandlers;
  /** Printed once at start. */
  readonly banner: readonly string[];
}

const HELP = [
  'Type SQL and end it with ; (it may span several lines). One read statement at a time.',
  '  .describe        the views, their columns and row counts',
  '  .format F        table, csv or json',
  '  .timeout S       statement timeout in seconds',
  '  .help            this help',
  '  .quit            leave (or Ctrl-D)',
  'Ctrl-C stops a running query, or clears the statement being typed.',
];

/**
 * The interactive prompt (`mirante query` with no SQL): line editing and history through
 * node:readline, saved to the history file after every statement; input accumulates across lines
 * until a `;` ends the statement; dot-commands for help, views, format and timeout.
 */
export async function runRepl(options: ReplOptions): Promise<void> {
  const { output, handlers } = options;
  const say = (line: string) => output.write(`${line}\n`);
  const history = await loadHistory(options.historyFile);
  const rl = createInterface({
    input: options.input,
    output,
    terminal: options.terminal,
    history: [...history].reverse(),
    historySize: HISTORY_LIMIT,
    removeHistoryDuplicates: true,
    prompt: 'mirante> ',
  });
  let buffer = '';
  let running: AbortController | undefined;
  rl.on('SIGINT', () => {
    if (running) {
      running.abort();
    } else if (buffer !== '') {
      buffer = '';
      say('^C');
      rl.setPrompt('mirante> ');
      rl.prompt();
    } else {
      say('(.quit or Ctrl-D to leave)');
      rl.prompt();
    }
  });
  for (const line of options.banner) say(line);
  rl.prompt();
  for await (const line of rl) {
    if (buffer === '' && line.trim().startsWith('.')) {
      const quit = await dotCommand(line.trim(), handlers, say);
      if (quit) break;
      rl.prompt();
      continue;
    }
    if (buffer === '' && line.trim() === '') {
      rl.prompt();
      continue;
    }
    buffer = buffer === '' ? line : `${buffer}\n${line}`;
    if (!isStatementComplete(buffer)) {
      rl.setPrompt('   ...> ');
      rl.prompt();
      continue;
    }
    const sql = buffer;
    buffer = '';
    rl.setPrompt('mirante> ');
    await appendHistory(options.historyFile, sql);
    running = new AbortController();
    try {
      await handlers.run(sql, running.signal);
    } catch (error) {
      say(error instanceof Error ? error.message : String(error));
    } finally {
      running = undefined;
    }
    rl.prompt();
  }
  rl.close();
}

async function dotCommand(
  line: string,
  handlers: ReplHandlers,
  say: (line: string) => void,
): Promise<boolean> {
  const [command, ...args] = line.split(/\s+/);
  switch (command) {
    case '.quit':
    case '.exit':
      return true;
    case '.help':
      for (const l of HELP) say(l);
      return false;
    case '.describe':
    case '.tables':
      for (const l of await handlers.describe()) say(l);
      return false;
    case '.format': {
      const problem = handlers.setFormat(args[0] ?? '');
      say(problem ?? `Output format: ${args[0]}`);
      return false;
    }
    case '.timeout': {
      const seconds = Number(args[0]);
      const problem =
        Number.isFinite(seconds) && seconds > 0
          ? handlers.setTimeoutSeconds(seconds)
          : 'Usage: .timeout SECONDS (a positive number)';
      say(problem ?? `Statement timeout: ${seconds} s`);
      return false;
    }
    default:
      say(`Unknown command ${command}. Type .help for the commands.`);
      return false;
  }
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendHistory, HISTORY_LIMIT, loadHistory } from '../../../cli/query/query-history.js';
import { runRepl } from '../../../cli/query/query-repl.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirante-repl-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function session(input: string, historyFile: string) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (d) => {
    text += String(d);
  });
  const ran: string[] = [];
  const formats: string[] = [];
  stdin.end(input);
  await runRepl({
    input: stdin,
    output: stdout,
    terminal: false,
    historyFile,
    banner: ['hello'],
    handlers: {
      async run(sql) {
        ran.push(sql);
        if (sql.includes('boom')) throw new Error('Binder Error: boom');
      },
      async describe() {
        return ['feedback — ratings'];
      },
      setFormat(format) {
        formats.push(format);
        return format === 'xml' ? 'Formats at the prompt: table, csv, json' : undefined;
      },
      setTimeoutSeconds: () => undefined,
    },
  });
  return { ran, formats, text };
}

describe('the interactive prompt', () => {
  it('joins lines until a ; ends the statement, runs dot-commands, prints errors and goes on', async () => {
    const history = join(dir, 'history-1');
    const { ran, formats, text } = await session(
      [
        'SELECT month,',
        '  count(*)',
        'FROM feedback;',
        '.format csv',
        '.format xml',
        '.describe',
        "SELECT 'boom';",
        '',
        'SELECT 2; -- done',
        '.quit',
        'SELECT 3;',
      ].join('\n'),
      history,
    );
    expect(ran).toEqual([
      'SELECT month,\n  count(*)\nFROM feedback;',
      "SELECT 'boom';",
      'SELECT 2; -- done',
    ]);
    expect(formats).toEqual(['csv', 'xml']);
    expect(text).toContain('hello');
    expect(text).toContain('   ...> ');
    expect(text).toContain('feedback — ratings');
    expect(text).toContain('Binder Error: boom');
    expect(text).toContain('Formats at the prompt');
    expect(await loadHistory(history)).toEqual([
      'SELECT month, count(*) FROM feedback;',
      "SELECT 'boom';",
      'SELECT 2; -- done',
    ]);
  });

  it('keeps history across sessions, without repeating an entry', async () => {
    const history = join(dir, 'history-2');
    await session('SELECT 1;\nSELECT 2;\n', history);
    await session('SELECT 1;\n', history);
    expect(await loadHistory(history)).toEqual(['SELECT 2;', 'SELECT 1;']);
  });

  it('keeps the last entries only', async () => {
    const history = join(dir, 'history-3');
    await writeFile(
      history,
      `${Array.from({ length: HISTORY_LIMIT }, (_, i) => `SELECT ${i};`).join('\n')}\n`,
    );
    await appendHistory(history, 'SELECT last;');
    const lines = (await readFile(history, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(HISTORY_LIMIT);
    expect(lines[0]).toBe('SELECT 1;');
    expect(lines.at(-1)).toBe('SELECT last;');
  });
});

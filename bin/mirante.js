#!/usr/bin/env node
// Launcher of the `mirante` command line: runs cli/main.ts through tsx, with the OpenSSL legacy
// provider that the embedded S3 server needs to list past 1,000 keys (see DESIGN.md).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(
  process.execPath,
  [
    '--openssl-legacy-provider',
    '--import',
    import.meta.resolve('tsx'),
    join(root, 'cli', 'main.ts'),
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', cwd: process.cwd() },
);
// Signals are passed on to the child (Ctrl-C in a terminal reaches both; the child's stop is
// idempotent); the child stops cleanly and this launcher exits with its code.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

/** Where text results are written, with backpressure. */
export interface TextOutput {
  write(text: string): Promise<void>;
  /** Finishes the output (a file is moved into place). */
  end(): Promise<void>;
  /** Drops the output after a failure (a file is removed). */
  abort(): Promise<void>;
}

/** Text written to a stream the command does not own (stdout): never closed here. */
export function streamOutput(stream: NodeJS.WritableStream): TextOutput {
  return {
    async write(text) {
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async end() {},
    async abort() {},
  };
}

/**
 * Text written to `path` through a temporary file beside it (opened on the first write), renamed
 * into place by `end()`, so a failed or cancelled query never leaves a partial file.
 */
export function fileOutput(path: string): TextOutput {
  const temp = `${path}.${process.pid}.partial`;
  let stream: WriteStream | undefined;
  const open = () => {
    stream ??= createWriteStream(temp);
    return stream;
  };
  const closed = () =>
    new Promise<void>((resolve, reject) => {
      open().end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  return {
    async write(text) {
      const s = open();
      if (!s.write(text)) await once(s, 'drain');
    },
    async end() {
      await closed();
      await rename(temp, path);
    },
    async abort() {
      if (stream) await closed().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}

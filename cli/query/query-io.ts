/** The streams a query command talks through (the process's, or test streams). */
export interface QueryIo {
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };
}

/** The process's own streams. */
export function processIo(): QueryIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/**
 * Reads a request body but never buffers much more than `maxBytes`: enough for the parsers to
 * answer 413 for a body over the limit, without holding the rest of an oversized (or endless,
 * chunked) upload in memory.
 *
 * A body announced by a `Content-Length` within the limit (the usual case) is read whole
 * through `arrayBuffer()`, which @hono/node-server serves straight from the socket; the HTTP
 * parser delivers exactly that many bytes. Any other body is streamed and read only up to
 * `maxBytes + 1` bytes, and the rest of the stream is cancelled. The caller still checks the
 * size of what it gets (`decodeUtf8Body`).
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (
    declared !== null &&
    /^\d{1,15}$/.test(declared) &&
    Number(declared) <= maxBytes &&
    !request.headers.has('transfer-encoding')
  ) {
    return new Uint8Array(await request.arrayBuffer());
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (size > maxBytes) await reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
  const out = new Uint8Array(Math.min(size, maxBytes + 1));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, out.length - offset);
    out.set(part, offset);
    offset += part.length;
    if (offset === out.length) break;
  }
  return out;
}

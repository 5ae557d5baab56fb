/**
 * Reads a request body but stops after `maxBytes + 1` bytes: enough for the parsers to answer
 * 413 for a body over the limit, without buffering the rest of an oversized (or endless,
 * chunked) upload in memory. The unread rest of the stream is cancelled. A body within the limit
 * is returned whole.
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<Uint8Array> {
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

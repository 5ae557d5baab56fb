import { describe, expect, it } from 'vitest';
import { readBodyUpTo } from '../../../functions/feedback/read-body-up-to.js';

/** A request whose body streams `chunks` chunks of `size` bytes; counts the chunks pulled. */
function streamingRequest(chunks: number, size: number) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) return controller.close();
      controller.enqueue(new Uint8Array(size).fill(0x61 + (state.pulled % 26)));
      state.pulled++;
    },
    cancel() {
      state.cancelled = true;
    },
  });
  const request = new Request('http://localhost/', {
    method: 'POST',
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, state };
}

describe('readBodyUpTo', () => {
  it('returns a body within the limit whole, across chunks', async () => {
    const { request, state } = streamingRequest(4, 1000);
    const bytes = await readBodyUpTo(request, 4000);
    expect(bytes).toHaveLength(4000);
    expect(bytes[0]).toBe(0x61);
    expect(bytes[3999]).toBe(0x64);
    expect(state.cancelled).toBe(false);
  });

  it('stops one byte past the limit and cancels the rest of the stream', async () => {
    const { request, state } = streamingRequest(100_000, 1024);
    const bytes = await readBodyUpTo(request, 16 * 1024);
    expect(bytes).toHaveLength(16 * 1024 + 1);
    expect(state.pulled).toBeLessThan(40);
    expect(state.cancelled).toBe(true);
  });

  it('reads a body whose Content-Length is within the limit whole', async () => {
    const request = new Request('http://localhost/', {
      method: 'POST',
      headers: { 'content-length': '11' },
      body: 'hello world',
    });
    expect(new TextDecoder().decode(await readBodyUpTo(request, 16))).toBe('hello world');
  });

  it('streams and caps a body whose Content-Length is over the limit', async () => {
    const { request, state } = streamingRequest(100_000, 1024);
    request.headers.set('content-length', String(100_000 * 1024));
    const bytes = await readBodyUpTo(request, 4096);
    expect(bytes).toHaveLength(4097);
    expect(state.cancelled).toBe(true);
  });

  it('returns an empty array for a request without a body', async () => {
    expect(await readBodyUpTo(new Request('http://localhost/'), 10)).toHaveLength(0);
    const empty = new Request('http://localhost/', { method: 'POST', body: '' });
    expect(await readBodyUpTo(empty, 10)).toHaveLength(0);
  });
});

import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';

/**
 * The citizens' browsers of the feedback benchmark: sends single ratings over HTTP. It runs in
 * a child process of the benchmark (`bench/feedback.bench.ts` forks this file), so its CPU is
 * not charged to the server process it loads — as on AWS, where the browsers are not in the
 * Lambda. The benchmark sends one {@link LoadRequest} per round over IPC and gets one
 * {@link LoadReport} back.
 */

/** One round of load: `count` POSTs of `body`, `concurrency` at a time. */
export interface LoadRequest {
  readonly url: string;
  readonly body: string;
  readonly count: number;
  /** Idempotency keys are `<prefix>-<i>`: a new key per request. */
  readonly prefix: string;
  readonly concurrency: number;
  /** Headers every request also sends (the origin-verify header, as CloudFront adds it). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a round cost the load generator, or why it failed. */
export type LoadReport =
  | { readonly ok: true; readonly seconds: number; readonly cpuSeconds: number }
  | { readonly ok: false; readonly error: string };

/** The `i`-th of 1,024 client addresses (sent as `CloudFront-Viewer-Address`). */
export const clientIpOf = (i: number): string => `10.${(i >> 8) & 3}.${i & 255}.7`;

/**
 * Sends `count` ratings with distinct Idempotency-Keys from clients spread over 1,024
 * addresses, `concurrency` at a time on keep-alive connections (plain `node:http`, the leanest
 * client); every answer must be 201. Reports the wall-clock time and this process's CPU time.
 */
export async function sendRatings(load: LoadRequest): Promise<LoadReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.concurrency });
  let next = 0;
  const worker = async () => {
    while (next < load.count) {
      const i = next++;
      const status = await postOnce(agent, load.url, load.body, {
        ...load.headers,
        'content-type': 'application/json',
        'idempotency-key': `${load.prefix}-${i}`,
        'cloudfront-viewer-address': `${clientIpOf(i)}:443`,
      });
      if (status !== 201) throw new Error(`single POST answered ${status}`);
    }
  };
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: load.concurrency }, worker));
    const cpu = process.cpuUsage(cpuStart);
    return {
      ok: true,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    agent.destroy();
  }
}

/** One POST; resolves with the status once the answer is read. */
function postOnce(
  agent: Agent,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// Run as the forked child: answer each round's request; exit when the parent disconnects.
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const send = process.send.bind(process);
  process.on('message', (message: LoadRequest) => {
    void sendRatings(message).then((report) => send(report));
  });
  process.on('disconnect', () => process.exit(0));
}

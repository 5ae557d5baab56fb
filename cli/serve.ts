import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** Thrown when the port is taken; the CLI prints its message as one line. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Serves a Hono app on loopback-or-all interfaces; resolves once listening. */
export function serveApp(
  app: Pick<Hono, 'fetch'>,
  port: number,
  hostname = '0.0.0.0',
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      resolve({
        server: server as Server,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (server as Server).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    }) as Server;
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(
              `Port ${port} is already in use. Stop what is using it or set PORT (e.g. PORT=3001 npm start).`,
            )
          : error,
      );
    });
  });
}

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/**
 * Listens on 127.0.0.1 only; port 0 picks a free one. `app` is a Hono app or anything with its `fetch`.
 * @since 0.2.0
 */
export async function serveHttp(params: {
  app: { fetch: (request: Request, env?: object) => Response | Promise<Response> };
  port?: number;
}): Promise<{ url: string; port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: (request: Request, env: object) => params.app.fetch(request, env),
        hostname: '127.0.0.1',
        port: params.port ?? 0,
      },
      (info: AddressInfo) => {
        resolve({
          url: `http://localhost:${info.port}/`,
          port: info.port,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}

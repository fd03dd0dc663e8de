import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/** Listens on 127.0.0.1 only; port 0 picks a free one. */
export async function serveMerchantService(params: {
  app: Hono;
  port?: number;
}): Promise<{ url: string; port: number; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: params.app.fetch, hostname: '127.0.0.1', port: params.port ?? 0 },
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

// Vitest globalSetup of the integration and browser projects: one running system per project,
// shared by the test files that ask for it (test/system/sharedSystem.ts). It starts on the first
// file's request, not before, so a run of one isolated file starts nothing here; it stops after
// the project's last file. A file that needs its own (a restart, another campaign, a clock it
// moves) still calls startSystem.
import { createServer } from 'node:http';
import type { TestProject } from 'vitest/node';
import { type System, startSystem } from '../../scripts/system/startSystem.ts';
import { toWire } from './wire.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The address to ask for the project's shared system (GET → the System as JSON). */
    decdpSystemBroker: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let system: Promise<System> | undefined;
  const server = createServer((_request, response) => {
    system ??= startSystem({ pages: project.name === 'browser' });
    system.then(
      (running) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(toWire(running));
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error instanceof Error ? (error.stack ?? error.message) : String(error));
      },
    );
  });
  // Files wait here while the system starts, longer than Node's default request timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  project.provide(
    'decdpSystemBroker',
    `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
  );
  return async () => {
    server.close();
    await system?.then((running) => running.stop()).catch(() => {});
  };
}

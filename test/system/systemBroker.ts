// Vitest globalSetup of the integration and browser projects: one running system per project,
// shared by the test files that ask for it (test/system/sharedSystem.ts), and one Solid server per
// project, which that system and every file's own system (startOwnSystem) use. Each starts on the
// first file's request, not before, so a run of one isolated file starts only what it asks for;
// they stop after the project's last file. A file whose system must restart the Solid server or
// keep its pods on disk still calls startSystem.
import { createServer } from 'node:http';
import type { TestProject } from 'vitest/node';
import { type SolidServer, startSolidServer } from '../../scripts/system/startSolidServer.ts';
import { type System, startSystem } from '../../scripts/system/startSystem.ts';
import { toWire } from './wire.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The address to ask for the project's shared system (GET → the System as JSON; GET solid → {"baseUrl"}). */
    decdpSystemBroker: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let solid: Promise<SolidServer> | undefined;
  let system: Promise<System> | undefined;
  const solidServer = () => {
    solid ??= startSolidServer();
    return solid;
  };
  const sharedSystem = () => {
    system ??= solidServer().then(({ baseUrl }) =>
      startSystem({ pages: project.name === 'browser', solidServer: baseUrl }),
    );
    return system;
  };
  const server = createServer((request, response) => {
    const answer =
      request.url === '/solid'
        ? solidServer().then(({ baseUrl }) => JSON.stringify({ baseUrl }))
        : sharedSystem().then(toWire);
    answer.then(
      (json) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(json);
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
    await solid?.then((running) => running.stop()).catch(() => {});
  };
}

// The Community Solid Server for development and tests: its own process, reachable on 127.0.0.1
// only, base URL http://localhost:PORT/ (see solidServerProcess.ts for why and how).
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { SolidServerMessage, SolidServerOptions } from './solidServerProcess.ts';

export type SolidServer = { baseUrl: string; port: number; stop(): Promise<void> };

/**
 * Starts CSS with pods under the root and Web Access Control: on disk under `dataDir` when given
 * (npm start), else in memory (tests). Takes 5–6 s, mostly Components.js loading.
 */
export async function startSolidServer(
  params: { port?: number; dataDir?: string; logLevel?: SolidServerOptions['logLevel'] } = {},
): Promise<SolidServer> {
  const options: SolidServerOptions = {
    port: params.port ?? 0,
    logLevel: params.logLevel ?? 'error',
    ...(params.dataDir ? { dataDir: params.dataDir } : {}),
  };
  const child = fork(join(import.meta.dirname, 'solidServerProcess.ts'), [JSON.stringify(options)], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const port = await new Promise<number>((done, fail) => {
    child.once('message', (message: SolidServerMessage) =>
      'ready' in message
        ? done(message.ready.port)
        : fail(new Error(`The Solid server failed to start:\n${message.failed}`)),
    );
    child.once('exit', (code) => fail(new Error(`The Solid server exited while starting (code ${code}).`)));
  });
  return {
    baseUrl: `http://localhost:${port}/`,
    port,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

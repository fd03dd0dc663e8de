// Child-process entry of startSolidServer.ts: runs the Community Solid Server behind a
// loopback-only TCP gate and reports its port over IPC. Its own process keeps the server's event
// loop free of proving work and its environment free of test runners' (CSS switches its
// oidc-provider import to a Jest path when NODE_ENV is "test").
//
// CSS 7 has no host option: it listens on every interface. So it listens on a Unix socket in a
// private temporary folder, and a TCP server on 127.0.0.1:PORT forwards bytes to it unchanged.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AppRunner } from '@solid/community-server';

export type SolidServerOptions = { port: number; dataDir?: string; logLevel: 'error' | 'warn' | 'info' };
export type SolidServerMessage = { ready: { port: number } } | { failed: string };

const cssRoot = dirname(createRequire(import.meta.url).resolve('@solid/community-server/package.json'));
const options = JSON.parse(process.argv[2] ?? '{}') as SolidServerOptions;
const send = (message: SolidServerMessage) => process.send?.(message);

const socketDir = await mkdtemp(join(tmpdir(), 'decdp-css-'));
const socketPath = join(socketDir, 'css.sock');
const connections = new Set<Socket>();
const gate = createServer((client) => {
  const upstream = connect(socketPath);
  for (const socket of [client, upstream]) {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => {
      client.destroy();
      upstream.destroy();
    });
  }
  client.pipe(upstream).pipe(client);
});

let app: Awaited<ReturnType<AppRunner['create']>> | undefined;
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  gate.close();
  for (const socket of connections) socket.destroy();
  await app?.stop().catch(() => {});
  await rm(socketDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
process.on('disconnect', () => void stop(0)); // the parent is gone: never outlive it

try {
  const port = await listen(gate, options.port);
  const baseUrl = `http://localhost:${port}/`; // 127.0.0.1 breaks client-credential logins
  app = await new AppRunner().create({
    loaderProperties: { mainModulePath: cssRoot, logLevel: options.logLevel },
    config: options.dataDir ? join(cssRoot, 'config', 'file.json') : join(import.meta.dirname, 'solid', 'memory.json'),
    shorthand: {
      baseUrl,
      socket: socketPath,
      loggingLevel: options.logLevel,
      ...(options.dataDir ? { rootFilePath: resolve(options.dataDir) } : {}),
    },
  });
  await app.start();
  send({ ready: { port } });
} catch (error) {
  send({ failed: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  await stop(1);
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      done(typeof address === 'object' && address ? address.port : port);
    });
  });
}

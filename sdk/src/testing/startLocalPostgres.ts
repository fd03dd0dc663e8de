// A throwaway PostgreSQL cluster for tests and benchmarks: initdb in a temp folder, a server on a
// free 127.0.0.1 port (Unix socket inside the folder), stop and delete on close. PostgreSQL refuses
// to run as root, so under root (CI) the cluster belongs to the `postgres` user (or `nobody`) and
// its commands run with that uid.
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type LocalPostgres = {
  url: string;
  port: number;
  dataDir: string;
  /**
   * Stops the server the way a crash would (`-m immediate`: no shutdown checkpoint), keeps it down
   * for `downMs`, and starts it again on the same port: recovery replays the WAL. For tests.
   */
  restart(params?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
};

/** Where Debian puts the server binaries, else PATH; undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  const candidates = ['17', '16', '15', '14'].map((version) => `/usr/lib/postgresql/${version}/bin`);
  candidates.push(...(process.env.PATH ?? '').split(delimiter));
  return candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

function unprivilegedUser(): { uid: number; gid: number; name: string } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields) return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('Running as root and neither a postgres nor a nobody user exists to own the cluster.');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function run(command: string, args: string[], user: ReturnType<typeof unprivilegedUser>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      env: { ...process.env, LC_ALL: 'C', ...(user ? { HOME: tmpdir() } : {}) },
      cwd: tmpdir(),
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/**
 * @example
 * const pg = await startLocalPostgres(); // { url: 'postgres://decdp@127.0.0.1:PORT/postgres' }
 * try { ... } finally { await pg.stop(); }
 */
export async function startLocalPostgres(params: { bin?: string } = {}): Promise<LocalPostgres> {
  const bin = params.bin ?? findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb/pg_ctl); apt-get install -y postgresql.');
  const user = unprivilegedUser();
  const root = mkdtempSync(join(tmpdir(), 'decdp-pg-'));
  if (user) chownSync(root, user.uid, user.gid);
  const dataDir = join(root, 'data');
  const port = await freePort();
  await run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'decdp', '-A', 'trust', '-E', 'UTF8', '--no-sync'], user);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c max_connections=100 -c fsync=on`;
  const start = () =>
    run(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', join(root, 'log'), '-w', '-t', '60', 'start'], user);
  await start();
  let stopped = false;
  return {
    url: `postgres://decdp@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    async restart({ downMs = 0 } = {}) {
      await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], user);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], user).catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
  };
}

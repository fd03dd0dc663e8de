// Starts `decdp-merchant serve --json` in a child process and waits for its ready line: used by the
// integration tests (crash, CLI) and bench/merchant.ts, which need the service in its own process.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createOperatorToken } from '../merchant/operatorToken.ts';
import { openStore } from '../store/openStore.ts';

export type MerchantProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** JSON lines the process printed so far (progress, ready, logs). */
  lines: Record<string, unknown>[];
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (kill -9) and wait. */
  kill(): Promise<void>;
  /** An operator token with every scope, made in the process's store (`--db` or the config's `db`) before it started; empty without one. */
  operatorToken: string;
};

export async function startMerchantProcess(params: {
  args: string[];
  /** Added to this process's environment (DECDP_MERCHANT_KEY, DECDP_RELAYER_KEY). */
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<MerchantProcess> {
  // What an operator does first (`decdp-merchant tokens create`), on the store the process will open.
  const flag = (name: string) => {
    const index = params.args.indexOf(name);
    return index >= 0 ? params.args[index + 1] : undefined;
  };
  const configFile = flag('--config');
  const fromConfig = configFile
    ? ((JSON.parse(await readFile(configFile, 'utf8')) as { db?: string }).db ?? undefined)
    : undefined;
  // Only in a store the caller named: never in a default file of the working directory.
  const db = flag('--db') ?? fromConfig;
  let operatorToken = '';
  if (db) {
    const store = await openStore({ db });
    operatorToken = (await createOperatorToken({ store, name: 'startMerchantProcess' }).finally(() => store.close()))
      .token;
  }
  // .ts beside the sources, .js in the built package.
  const cli = join(import.meta.dirname, '..', 'merchant', 'cli', `decdpMerchant${extname(import.meta.filename)}`);
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', cli, 'serve', '--json', ...params.args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...params.env } },
  );
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`decdp-merchant did not become ready:\n${stderr}`));
    }, params.timeoutMs ?? 60_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`decdp-merchant exited ${code} before ready:\n${JSON.stringify(lines)}\n${stderr}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        entry = { event: 'text', line };
      }
      lines.push(entry);
      if (entry.event === 'ready') {
        clearTimeout(timer);
        resolve({
          url: String(entry.url),
          port: Number(entry.port),
          operatorToken,
          child,
          lines,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
        });
      }
    });
  });
}

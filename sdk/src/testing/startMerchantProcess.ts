// Starts `decdp-merchant serve --json` in a child process and waits for its ready line: used by the
// integration tests (crash, CLI) and bench/merchant.ts, which need the service in its own process.
import { type ChildProcess, spawn } from 'node:child_process';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';

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
};

export function startMerchantProcess(params: {
  args: string[];
  /** Added to this process's environment (DECDP_MERCHANT_KEY, DECDP_RELAYER_KEY). */
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<MerchantProcess> {
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

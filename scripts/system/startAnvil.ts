// A local chain for development and tests: anvil from npm, on 127.0.0.1 only.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { JsonRpcProvider } from 'ethers';
import { freePort } from './freePort.ts';

const anvilBin = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'anvil');

export type Anvil = { rpcUrl: string; port: number; stop(): Promise<void> };

export async function startAnvil(params: { port?: number; blockTime?: number } = {}): Promise<Anvil> {
  const port = params.port ?? (await freePort());
  const args = ['--host', '127.0.0.1', '--port', String(port), '--silent'];
  if (params.blockTime) args.push('--block-time', String(params.blockTime));
  const child: ChildProcess = spawn(anvilBin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  const deadline = Date.now() + 20_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`anvil exited (${child.exitCode}): ${stderr}`);
      try {
        await provider.getBlockNumber();
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`anvil did not answer on ${rpcUrl} within 20 s: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    provider.destroy();
  }
  return {
    rpcUrl,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

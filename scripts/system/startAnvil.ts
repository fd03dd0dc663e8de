// A local chain for development and tests: anvil from npm, on 127.0.0.1 only.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './freePort.ts';

const anvilBin = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'anvil');

export type Anvil = { rpcUrl: string; port: number; stop(): Promise<void> };

/**
 * Starts anvil on 127.0.0.1. With `statePath` the chain is loaded from that file when it exists
 * and written back every few seconds and on exit, so `npm start` keeps balances across restarts.
 */
export async function startAnvil(
  params: { port?: number; blockTime?: number; statePath?: string; chainId?: number } = {},
): Promise<Anvil> {
  const port = params.port ?? (await freePort());
  const args = ['--host', '127.0.0.1', '--port', String(port), '--silent'];
  if (params.blockTime) args.push('--block-time', String(params.blockTime));
  if (params.chainId) args.push('--chain-id', String(params.chainId)); // default 31337
  if (params.statePath) args.push('--state', params.statePath, '--state-interval', '5');
  const child: ChildProcess = spawn(anvilBin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  // A plain JSON-RPC call: an ethers provider would log "failed to detect network" while anvil boots.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited (${child.exitCode}): ${stderr}`);
    const answered = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) throw new Error(`anvil did not answer on ${rpcUrl} within 20 s: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
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

// A local chain for development and tests: anvil from npm, on 127.0.0.1 only.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './freePort.ts';

const foundryPackages = join(import.meta.dirname, '..', '..', 'node_modules', '@foundry-rs');

/**
 * The anvil binary of this platform's npm package (@foundry-rs/anvil-<os>-<arch>), run directly:
 * node_modules/.bin/anvil is a Node wrapper that would cost a Node start per chain, and stopping it
 * returns before anvil itself has exited. The wrapper is the fallback.
 */
function anvilBinary(): string {
  const platformPackage = readdirSync(foundryPackages).find(
    (name) => name.startsWith('anvil-') && existsSync(join(foundryPackages, name, 'bin', 'anvil')),
  );
  return platformPackage
    ? join(foundryPackages, platformPackage, 'bin', 'anvil')
    : join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'anvil');
}

export type Anvil = { rpcUrl: string; port: number; stop(): Promise<void> };

/**
 * The anvils this process started and has not stopped. They are stopped when it exits, and when it
 * is sent SIGTERM (how Vitest ends its worker processes; Node then skips 'exit' handlers), so a
 * set-up that failed before its stop() leaves no anvil behind.
 */
const running = new Set<ChildProcess>();
const stopRunning = () => {
  for (const child of running) child.kill('SIGTERM');
};
process.on('exit', stopRunning);
function onSigterm() {
  stopRunning();
  // Alone, this listener took SIGTERM's default away: give it back (the process ends as it would have).
  if (process.listenerCount('SIGTERM') === 1) {
    process.off('SIGTERM', onSigterm);
    process.kill(process.pid, 'SIGTERM');
  }
}
function track(child: ChildProcess) {
  if (running.size === 0) process.on('SIGTERM', onSigterm);
  running.add(child);
}
function untrack(child: ChildProcess) {
  running.delete(child);
  if (running.size === 0) process.off('SIGTERM', onSigterm);
}

/**
 * Starts anvil on 127.0.0.1. With `statePath` the chain is loaded from that file when it exists
 * and written back every few seconds and on exit, so `npm start` keeps balances across restarts.
 * If it does not come up, it is stopped before the error is thrown.
 */
export async function startAnvil(
  params: { port?: number; blockTime?: number; statePath?: string; chainId?: number } = {},
): Promise<Anvil> {
  const port = params.port ?? (await freePort());
  const args = ['--host', '127.0.0.1', '--port', String(port), '--silent'];
  if (params.blockTime) args.push('--block-time', String(params.blockTime));
  if (params.chainId) args.push('--chain-id', String(params.chainId)); // default 31337
  if (params.statePath) args.push('--state', params.statePath, '--state-interval', '5');
  const child: ChildProcess = spawn(anvilBinary(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
  });
  void exited.then(() => untrack(child));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && !spawnError) child.kill('SIGTERM');
    await exited;
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  try {
    // A plain JSON-RPC call: an ethers provider would log "failed to detect network" while anvil boots.
    for (;;) {
      if (spawnError) throw new Error(`anvil did not start: ${spawnError.message}`);
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
  } catch (error) {
    await stop();
    throw error;
  }
  return { rpcUrl, port, stop };
}

// No set-up leaves an anvil behind: startSystem failing after its chain started stops that chain,
// and a process that ends with anvils it never stopped (an uncaught error, or SIGTERM, which is how
// Vitest ends its worker processes) takes them with it.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/system/freePort.ts';
import { startSystem } from '../../scripts/system/startSystem.ts';

const startAnvilModule = join(import.meta.dirname, '..', '..', 'scripts', 'system', 'startAnvil.ts');

/** Whether anything answers JSON-RPC on 127.0.0.1:port. */
async function chainAnswers(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
  }).then(
    (response) => response.ok,
    () => false,
  );
}

/** The processes whose command line runs anvil on `port`. */
function anvilsOn(port: number): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => /anvil/.test(line) && line.includes(`--port ${port} `));
}

/** Waits (20 s at most) until no anvil runs on `port`; true if none is left. */
async function anvilGone(port: number): Promise<boolean> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    if (anvilsOn(port).length === 0 && !(await chainAnswers(port))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** A Node process that starts anvil, says its port, and then does what it is told on stdin. */
async function processWithAnvil() {
  const script = `
    import { createInterface } from 'node:readline';
    const { startAnvil } = await import(${JSON.stringify(startAnvilModule)});
    const anvil = await startAnvil();
    console.log(anvil.port);
    createInterface({ input: process.stdin }).on('line', (line) => {
      if (line === 'throw') throw new Error('the set-up failed half-way');
    });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the process exited (${code}) before anvil started: ${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(Number(line)));
  });
  return { child, port, exited };
}

describe('no anvil is left behind', () => {
  it('by startSystem failing after its chain started', async () => {
    const rpc = await freePort();
    const steps: string[] = [];
    await expect(
      startSystem({
        pages: false,
        ports: { rpc },
        log: (line) => steps.push(line),
        // Refused when the campaign is created: after anvil started and the contracts were deployed.
        campaignPredicate: { attribute: 'age', op: 'nope' as never, value: 18 },
      }),
    ).rejects.toThrow(/nope/);
    expect(steps.some((step) => step.startsWith('deploying contracts'))).toBe(true);
    expect(anvilsOn(rpc)).toEqual([]);
    expect(await chainAnswers(rpc)).toBe(false);
  });

  it('by a process that ends on an uncaught error with its anvil running', async () => {
    const { child, port, exited } = await processWithAnvil();
    expect(await chainAnswers(port)).toBe(true);
    child.stdin.write('throw\n');
    await exited;
    expect(child.exitCode).not.toBe(0);
    expect(await anvilGone(port)).toBe(true);
  });

  it('by a process ended with SIGTERM (as Vitest ends its workers) with its anvil running', async () => {
    const { child, port, exited } = await processWithAnvil();
    expect(await chainAnswers(port)).toBe(true);
    child.kill('SIGTERM');
    await exited;
    // It still ends as SIGTERM ends a process.
    expect(child.signalCode).toBe('SIGTERM');
    expect(await anvilGone(port)).toBe(true);
  });
});

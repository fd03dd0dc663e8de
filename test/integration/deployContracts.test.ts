// The development verification key (public toxic waste) never reaches a real chain by accident:
// `npm run deploy:contracts` against a non-local chain id refuses it unless the loudly named flag is
// given; a local chain (31337) takes it as before, with the mask contracts (docs/masks.md).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listMasksOnChain, MaskRegistry } from '@decdp/sdk/masks';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import { Contract, JsonRpcProvider } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';

const root = join(import.meta.dirname, '..', '..');
let mainnetLike: Anvil;
let local: Anvil;
let outDir: string;

/** Runs the deploy script as a user does; resolves with its exit code and output. */
function deploy(rpcUrl: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'deploy-contracts.ts'), ...args], {
      env: {
        ...process.env,
        DECDP_RPC_URL: rpcUrl,
        DECDP_DEPLOYER_KEY: MERCHANT_PRIVATE_KEY,
        DECDP_DEPLOYMENT_DIR: outDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'decdp-deploy-'));
  mainnetLike = await startAnvil({ chainId: 1 });
  local = await startAnvil();
});
afterAll(async () => {
  await mainnetLike?.stop();
  await local?.stop();
  await rm(outDir, { recursive: true, force: true });
});

describe('npm run deploy:contracts with the development key', () => {
  it('refuses a non-local chain, deploying nothing, and says why', async () => {
    const { code, output } = await deploy(mainnetLike.rpcUrl);
    expect(code).toBe(1);
    expect(output).toContain('Refusing to deploy the development verification key to chain 1');
    expect(output).toContain('--i-know-this-key-is-insecure');
    await expect(readFile(join(outDir, '1.json'))).rejects.toThrow();
  });

  it('deploys there only with --i-know-this-key-is-insecure, warning loudly', async () => {
    const { code, output } = await deploy(mainnetLike.rpcUrl, '--i-know-this-key-is-insecure');
    expect(code).toBe(0);
    expect(output).toContain('WARNING --i-know-this-key-is-insecure');
    expect(JSON.parse(await readFile(join(outDir, '1.json'), 'utf8'))).toMatchObject({ chainId: 1 });
  });

  it('deploys to a local chain (31337) without the flag', async () => {
    const { code, output } = await deploy(local.rpcUrl);
    expect(code).toBe(0);
    expect(output).not.toContain('WARNING');
    const written = JSON.parse(await readFile(join(outDir, '31337.json'), 'utf8'));
    expect(written).toMatchObject({ chainId: 31337 });
    // The mask contracts too: a registry that answers, over the Semaphore it was deployed with.
    const provider = new JsonRpcProvider(local.rpcUrl);
    try {
      expect(await listMasksOnChain({ provider, registry: written.masks.registry })).toEqual([]);
      const registry = new Contract(written.masks.registry, MaskRegistry.abi as never, provider);
      expect(await registry.getFunction('semaphore')()).toBe(written.masks.semaphore);
    } finally {
      provider.destroy();
    }
  });
});

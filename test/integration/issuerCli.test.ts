// `decdp-issuer serve` and `decdp-issuer register` as real processes: the service answers from a
// configuration file with the PSD2 sandbox bank and a loyalty store; register admits the keys in
// IssuerRegistry on anvil (the self-asserted source is skipped).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Deployment, deployContracts, isIssuerTrusted } from '@decdp/sdk/chain';
import { createIssuerKey } from '@decdp/sdk/issuer';
import { openLoyaltyStore } from '@decdp/sdk/issuer/node';
import { MERCHANT_PRIVATE_KEY } from '@decdp/sdk/testing';
import { fetchIssuer } from '@decdp/sdk/wallet';
import { JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandboxBank, startSandboxBank } from '../../scripts/system/sandboxBank/startSandboxBank.ts';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';
import { OPERATOR_TOKEN } from './issuerSetup.ts';

const cli = join(import.meta.dirname, '..', '..', 'sdk', 'src', 'issuer', 'cli', 'decdpIssuer.ts');
const dir = mkdtempSync(join(tmpdir(), 'decdp-issuer-cli-'));
const KEYS = {
  bank: '0x1111111111111111111111111111111111111111111111111111111111111111',
  loyalty: '0x2222222222222222222222222222222222222222222222222222222222222222',
  pod: '0x3333333333333333333333333333333333333333333333333333333333333333',
};
let bank: RunningSandboxBank;
let anvil: Anvil;
let deployment: Deployment;
let provider: JsonRpcProvider;
const config = join(dir, 'issuer.json');

function run(args: string[]): {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  next(event: string): Promise<Record<string, unknown>>;
} {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DECDP_ISSUER_OPERATOR_TOKEN: OPERATOR_TOKEN },
  });
  const lines: Record<string, unknown>[] = [];
  const waiting: { event: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const waiter of waiting.filter((entry) => entry.event === line.event)) waiter.resolve(line);
  });
  return {
    child,
    lines,
    next: (event) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((line) => line.event === event);
        if (seen) return resolve(seen);
        waiting.push({ event, resolve });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${JSON.stringify(lines)}`)));
      }),
  };
}

beforeAll(async () => {
  bank = await startSandboxBank();
  anvil = await startAnvil();
  provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 50 });
  deployment = await deployContracts({ signer: new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, provider)) });
  const store = openLoyaltyStore({ path: join(dir, 'loyalty.sqlite') });
  await store.addAccount({
    email: 'a@b.example',
    password: 'pw-123456',
    tier: 1,
    tierName: 'Blue',
    spendCents: 0,
    memberSince: '2024-01-01',
  });
  store.close();
  writeFileSync(
    config,
    JSON.stringify({
      name: 'CLI issuer',
      sources: [
        { type: 'bank', bankName: 'Sandbox Bank', bankUrl: bank.url, key: KEYS.bank, issuerName: 'Sandbox Bank' },
        { type: 'loyalty', merchantName: 'Shop', db: 'loyalty.sqlite', key: KEYS.loyalty, issuerName: 'Shop loyalty' },
        { type: 'solid-profile', podOrigins: ['http://localhost:3000'], key: KEYS.pod, issuerName: 'From your pod' },
      ],
    }),
  );
});
afterAll(async () => {
  provider?.destroy();
  await anvil?.stop();
  await bank?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('decdp-issuer', () => {
  it('serves the configured sources and stops on SIGTERM', async () => {
    const serve = run(['serve', '--config', config, '--port', '0']);
    const ready = await serve.next('ready');
    try {
      const descriptor = await fetchIssuer({ issuerUrl: String(ready.url) });
      expect(descriptor.sources.map((source) => [source.id, source.issuer.name])).toEqual([
        ['bank', 'Sandbox Bank'],
        ['loyalty', 'Shop loyalty'],
        ['solid-profile', 'From your pod'],
      ]);
      const log = await fetch(`${String(ready.url)}log`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
      expect(await log.json()).toEqual({ entries: [] });
    } finally {
      const exited = new Promise((resolve) => serve.child.once('exit', resolve));
      serve.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('refuses a configuration with a bad key, naming the field', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        name: 'x',
        sources: [{ type: 'bank', bankName: 'B', bankUrl: bank.url, key: '0x12', issuerName: 'B' }],
      }),
    );
    const serve = run(['serve', '--config', bad]);
    const error = await serve.next('error');
    expect(error.error).toMatchObject({ code: 'INVALID_INPUT', field: 'config.sources[0].key' });
  });

  it('registers the keys of the non-self-asserted sources in IssuerRegistry', async () => {
    const register = run([
      'register',
      '--config',
      config,
      '--rpc',
      anvil.rpcUrl,
      '--registry',
      deployment.registry,
      '--owner-key',
      MERCHANT_PRIVATE_KEY,
    ]);
    const exited = new Promise((resolve) => register.child.once('exit', resolve));
    expect(await exited).toBe(0);
    expect(register.lines.map((line) => [line.event, line.source])).toEqual([
      ['registered', 'bank'],
      ['registered', 'loyalty'],
      ['skipped', 'solid-profile'],
    ]);
    for (const [name, key] of Object.entries(KEYS)) {
      const { keyHash } = await createIssuerKey({ privateKey: key });
      expect(await isIssuerTrusted({ runner: provider, registry: deployment.registry, issuerKeyHash: keyHash })).toBe(
        name !== 'pod',
      );
    }
  });
});

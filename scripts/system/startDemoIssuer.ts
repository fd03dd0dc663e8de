// The demo issuers of `npm start`: the PSD2 sandbox bank, and one issuer service reading four
// sources — the sandbox bank (signed with the Demo Bank key the demo merchant and campaign trust),
// Ethereum on anvil (the DeCDP token as the ERC-20 it vouches for), the demo merchant's loyalty
// accounts, and pod profiles on the local Solid server. Deterministic public keys: demo only.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createIssuerKey, type IssuerKey } from '@decdp/sdk/issuer';
import {
  createBankAdapter,
  createEthereumAdapter,
  createFileIssuanceLog,
  createIssuerService,
  createLoyaltyAdapter,
  createMemoryIssuanceLog,
  createSolidProfileAdapter,
  type IssuerSourceConfig,
  openIssuerSessionStore,
  openLoyaltyStore,
  serveHttp,
} from '@decdp/sdk/issuer/node';
import { DEMO_PERSON, ISSUER_PRIVATE_KEY } from '@decdp/sdk/testing';
import type { VerificationKey } from '@decdp/sdk/zk';
import { keccak256, toUtf8Bytes } from 'ethers';
import { freePort } from './freePort.ts';
import { startSandboxBank } from './sandboxBank/startSandboxBank.ts';

/** The demo merchant's loyalty account for the demo person (printed by `npm start`). */
export const DEMO_LOYALTY_LOGIN = { email: DEMO_PERSON.email, password: 'loyalty-demo-1' } as const;

const demoKey = (label: string) => keccak256(toUtf8Bytes(`decdp:demo-issuer:${label}`));

export type DemoIssuerKeys = { bank: IssuerKey; ethereum: IssuerKey; loyalty: IssuerKey; podProfile: IssuerKey };

/** The demo issuers' keys: the bank's is the Demo Bank key of the seeded credentials. */
export async function demoIssuerKeys(): Promise<DemoIssuerKeys> {
  return {
    bank: await createIssuerKey({ privateKey: ISSUER_PRIVATE_KEY }),
    ethereum: await createIssuerKey({ privateKey: demoKey('ethereum') }),
    loyalty: await createIssuerKey({ privateKey: demoKey('loyalty') }),
    podProfile: await createIssuerKey({ privateKey: demoKey('pod-profile') }),
  };
}

export type DemoIssuer = {
  url: string;
  sandboxBankUrl: string;
  operatorToken: string;
  keys: DemoIssuerKeys;
  stop(): Promise<void>;
};

export async function startDemoIssuer(params: {
  rpcUrl: string;
  chainId: number;
  token: string;
  merchantName: string;
  solidServer: string;
  verificationKey: VerificationKey;
  allowedOrigins: readonly string[];
  dataDir?: string;
  /** How long bank credentials live (default the adapter's 90 days). */
  bankCredentialSeconds?: number;
  /** The issuer service's clock, unix seconds (default the system clock). */
  now?: () => number;
  ports?: { issuer?: number; sandboxBank?: number };
}): Promise<DemoIssuer> {
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    const bank = await startSandboxBank(params.ports?.sandboxBank ? { port: params.ports.sandboxBank } : {});
    stops.push(bank.stop);
    const loyalty = openLoyaltyStore({ path: params.dataDir ? join(params.dataDir, 'loyalty.sqlite') : ':memory:' });
    stops.push(() => loyalty.close());
    await loyalty.addAccount({
      ...DEMO_LOYALTY_LOGIN,
      tier: 2,
      tierName: 'Silver',
      spendCents: 64_000,
      memberSince: '2021-03-14',
    });
    const keys = await demoIssuerKeys();
    const sources: IssuerSourceConfig[] = [
      {
        adapter: createBankAdapter({
          bankName: 'Sandbox Bank (PSD2 sandbox)',
          bankUrl: bank.url,
          ...(params.bankCredentialSeconds ? { validForSeconds: params.bankCredentialSeconds } : {}),
        }),
        issuer: { ...keys.bank, name: 'Demo Bank' },
      },
      {
        adapter: createEthereumAdapter({
          rpcUrl: params.rpcUrl,
          chainId: params.chainId,
          tokens: [{ address: params.token, kind: 'erc20', name: 'DeCDP reward token' }],
        }),
        issuer: { ...keys.ethereum, name: 'Demo chain attestor' },
      },
      {
        adapter: createLoyaltyAdapter({ merchantName: params.merchantName, store: loyalty }),
        issuer: { ...keys.loyalty, name: `${params.merchantName} loyalty` },
      },
      {
        adapter: createSolidProfileAdapter({ podOrigins: [params.solidServer] }),
        issuer: { ...keys.podProfile, name: 'From your pod' },
      },
    ];
    const port = params.ports?.issuer ?? (await freePort());
    const publicUrl = `http://localhost:${port}/`;
    const operatorToken = randomBytes(24).toString('base64url');
    const sessions = openIssuerSessionStore({
      path: params.dataDir ? join(params.dataDir, 'issuer-sessions.sqlite') : ':memory:',
    });
    stops.push(() => sessions.close());
    const app = createIssuerService({
      name: 'DeCDP demo issuer',
      publicUrl,
      sources,
      verificationKey: params.verificationKey,
      log: params.dataDir ? createFileIssuanceLog(join(params.dataDir, 'issuance.jsonl')) : createMemoryIssuanceLog(),
      sessions,
      operatorToken,
      allowedOrigins: params.allowedOrigins,
      ...(params.now ? { now: params.now } : {}),
    });
    const server = await serveHttp({ app, port });
    stops.push(server.close);
    return { url: publicUrl, sandboxBankUrl: bank.url, operatorToken, keys, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

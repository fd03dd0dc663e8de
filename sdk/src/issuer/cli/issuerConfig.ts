// The issuer's configuration file (`decdp-issuer serve --config issuer.json`): its name, where it
// listens and which sources it reads, each with the key that signs for it. Parsed at the edge.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InvalidInputError } from '../../errors/index.ts';
import { createIssuerKey } from '../../proof/createIssuerKey.ts';
import { parseWith } from '../../protocol/parse.ts';
import type { AnyIssuerAdapter } from '../adapters/adapter.ts';
import { createEthereumAdapter } from '../adapters/ethereum.ts';
import { createLoyaltyAdapter, openLoyaltyStore } from '../adapters/loyalty.ts';
import { createBankAdapter } from '../adapters/psd2Bank.ts';
import { createSolidProfileAdapter } from '../adapters/solidProfile.ts';
import type { IssuerSourceConfig } from '../service/createIssuerService.ts';

const privateKey = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 32-byte 0x-hex private key');
const signer = { key: privateKey, issuerName: z.string().min(1).max(100) };
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

export const issuerConfigSchema = z
  .object({
    name: z.string().min(1).max(100),
    /** Issuance log (JSON lines), relative to the config file. */
    log: z.string().min(1).default('issuance.jsonl'),
    /**
     * Open possession challenges and issuance sessions, and the service's own challenge and grant
     * keys (node:sqlite), relative to the config file: a restart goes on with half-done flows.
     */
    sessions: z.string().min(1).default('issuer-sessions.sqlite'),
    allowedOrigins: z.array(z.string().url()).default([]),
    sources: z
      .array(
        z.discriminatedUnion('type', [
          z
            .object({ type: z.literal('bank'), bankName: z.string().min(1), bankUrl: z.string().url(), ...signer })
            .strict(),
          z
            .object({
              type: z.literal('ethereum'),
              rpcUrl: z.string().url(),
              chainId: z.number().int().positive(),
              tokens: z
                .array(
                  z.object({ address, kind: z.enum(['erc20', 'erc721']), name: z.string().min(1).max(60) }).strict(),
                )
                .max(20),
              ...signer,
            })
            .strict(),
          z
            .object({ type: z.literal('loyalty'), merchantName: z.string().min(1), db: z.string().min(1), ...signer })
            .strict(),
          z
            .object({ type: z.literal('solid-profile'), podOrigins: z.array(z.string().url()).min(1), ...signer })
            .strict(),
        ]),
      )
      .min(1),
  })
  .strict();
export type IssuerConfig = z.output<typeof issuerConfigSchema>;

export async function readIssuerConfig(path: string): Promise<{ config: IssuerConfig; baseDir: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new InvalidInputError(`Cannot read the issuer configuration ${path}.`, { field: 'config', cause });
  }
  return { config: parseWith(issuerConfigSchema, json, 'config'), baseDir: dirname(resolve(path)) };
}

/** The adapters and keys of a configuration; `close` releases their stores. */
export async function openIssuerSources(params: {
  config: IssuerConfig;
  baseDir: string;
}): Promise<{ sources: IssuerSourceConfig[]; close(): void }> {
  const closers: (() => void)[] = [];
  const sources: IssuerSourceConfig[] = [];
  for (const source of params.config.sources) {
    let adapter: AnyIssuerAdapter;
    switch (source.type) {
      case 'bank':
        adapter = createBankAdapter({ bankName: source.bankName, bankUrl: source.bankUrl });
        break;
      case 'ethereum':
        adapter = createEthereumAdapter({ rpcUrl: source.rpcUrl, chainId: source.chainId, tokens: source.tokens });
        break;
      case 'loyalty': {
        const store = openLoyaltyStore({ path: resolve(params.baseDir, source.db) });
        closers.push(() => store.close());
        adapter = createLoyaltyAdapter({ merchantName: source.merchantName, store });
        break;
      }
      case 'solid-profile':
        adapter = createSolidProfileAdapter({ podOrigins: source.podOrigins });
        break;
    }
    sources.push({
      adapter,
      issuer: { ...(await createIssuerKey({ privateKey: source.key })), name: source.issuerName },
    });
  }
  return {
    sources,
    close: () => {
      for (const close of closers) close();
    },
  };
}

// The wallet agent's setup file (made by the wallet's settings, "Wallet agent"): where the agent
// logs in and which chain it checks rewards on, with its secrets — the holder secret (each shop's
// reward address derives from it too) and its pod client credentials — sealed under the agent's
// passphrase exactly as the browser seals the secret (secretVault.ts: scrypt → non-extractable
// AES-GCM key). Nothing in it is in the clear, and the recovery phrase is not in it at all.
import { z } from 'zod';
import { InvalidInputError } from '../../errors/index.ts';
import { address, decimal } from '../../protocol/fields.ts';
import { parseWith } from '../../protocol/parse.ts';
import { subjectCommitment } from '../holderSecret.ts';
import { openSealedText, type ScryptCost, sealedSecretSchema, sealText } from '../secretVault.ts';

export const agentSetupSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.wallet-agent'),
    webId: z.url(),
    podUrl: z.url(),
    /** The Solid server that issues the agent's tokens. */
    oidcIssuer: z.url(),
    /** Poseidon(holderSecret): checks the opened secret. */
    commitment: decimal,
    /** The wallet's first reward address (public, as in wallet.json); answers use each shop's own (rewardAddressFor). */
    recipient: address,
    /** Rewards are checked against this chain and pool before anything is proved; absent = rewarded requests wait. */
    chain: z.object({ rpcUrl: z.url(), chainId: z.number().int().positive(), pool: address }).strict().optional(),
    /** { holderSecret, clientId, clientSecret }, sealed. */
    sealed: sealedSecretSchema,
    createdAt: z.string(),
  })
  .strict();

export type AgentSetup = z.output<typeof agentSetupSchema>;

/** What the sealed part holds once opened (in memory only). */
export type AgentSecrets = { holderSecret: bigint; clientId: string; clientSecret: string };

export const agentSecretsLabel = (webId: string) => `decdp:wallet-agent:v1:${webId}`;

/** @since 0.2.0 */
export function parseAgentSetup(input: unknown): AgentSetup {
  return parseWith(agentSetupSchema, input, 'agentSetup');
}

/** @since 0.2.0 */
export async function createAgentSetup(params: {
  webId: string;
  podUrl: string;
  oidcIssuer: string;
  recipient: string;
  holderSecret: bigint;
  clientId: string;
  clientSecret: string;
  passphrase: string;
  chain?: { rpcUrl: string; chainId: number; pool: string };
  cost?: ScryptCost;
  now?: Date;
}): Promise<AgentSetup> {
  const sealed = await sealText({
    text: JSON.stringify({
      holderSecret: params.holderSecret.toString(),
      clientId: params.clientId,
      clientSecret: params.clientSecret,
    }),
    passphrase: params.passphrase,
    label: agentSecretsLabel(params.webId),
    ...(params.cost ? { cost: params.cost } : {}),
  });
  return parseAgentSetup({
    version: 1,
    type: 'decdp.wallet-agent',
    webId: params.webId,
    podUrl: params.podUrl,
    oidcIssuer: params.oidcIssuer,
    commitment: (await subjectCommitment(params.holderSecret)).toString(),
    recipient: params.recipient,
    ...(params.chain ? { chain: params.chain } : {}),
    sealed,
    createdAt: (params.now ?? new Date()).toISOString(),
  });
}

/** Opens the sealed part; WrongPassphraseError on a wrong passphrase, InvalidInputError on another wallet's secret. */
export async function openAgentSetup(params: { setup: AgentSetup; passphrase: string }): Promise<AgentSecrets> {
  const text = await openSealedText({
    sealed: params.setup.sealed,
    passphrase: params.passphrase,
    label: agentSecretsLabel(params.setup.webId),
  });
  const value = JSON.parse(text) as {
    holderSecret?: unknown;
    clientId?: unknown;
    clientSecret?: unknown;
  };
  if (
    typeof value.holderSecret !== 'string' ||
    !/^\d{1,78}$/.test(value.holderSecret) ||
    typeof value.clientId !== 'string' ||
    typeof value.clientSecret !== 'string'
  ) {
    throw new InvalidInputError('The sealed part of the agent setup is not what the wallet writes.', {
      field: 'agentSetup.sealed',
    });
  }
  const holderSecret = BigInt(value.holderSecret);
  if ((await subjectCommitment(holderSecret)).toString() !== params.setup.commitment) {
    throw new InvalidInputError('The sealed secret does not belong to this wallet.', { field: 'agentSetup.sealed' });
  }
  return { holderSecret, clientId: value.clientId, clientSecret: value.clientSecret };
}

// Ethereum: Sign-In with Ethereum (EIP-4361, the `siwe` library) proves control of an address in
// this session; the issuer then reads the chain by RPC and derives an ETH balance band, the tokens
// held (ERC-20 / ERC-721 contracts the issuer vouches for) and the address age band (the block of
// its first transaction). The address itself is never issued; it is sealed into the wallet's
// renewal grant, so a renewal reads the chain again for it (tokens sold: no holding renewed).
import { Contract, formatEther, JsonRpcProvider } from 'ethers';
import { SiweErrorType, SiweMessage } from 'siwe';
import { z } from 'zod';
import { NonceReusedError, SourceAuthenticationError, SourceUnavailableError } from '../../errors/index.ts';
import type { PreviewAttribute } from '../../protocol/issuance.ts';
import { parseWith } from '../../protocol/parse.ts';
import { ADDRESS_AGE_BANDS_DAYS, bandFloor, describeBand, ETH_BALANCE_BANDS_MILLIETHER } from '../bands.ts';
import { type AnyIssuerAdapter, defineAdapter } from './adapter.ts';

export type WatchedToken = { address: string; kind: 'erc20' | 'erc721'; name: string };

type ChainData = {
  address: string;
  balanceWei: bigint;
  held: WatchedToken[];
  /** Unix seconds of the block of the address's first transaction; undefined: it never sent one. */
  firstSeen: number | undefined;
  latest: number;
};

const signInBody = z
  .object({
    message: z.string().min(1).max(4000),
    signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'must be a 65-byte hex signature'),
  })
  .strict();

const balanceOfAbi = ['function balanceOf(address owner) view returns (uint256)'];

/** @since 0.2.0 */
export function createEthereumAdapter(params: {
  rpcUrl: string;
  chainId: number;
  tokens: readonly WatchedToken[];
  validForSeconds?: number;
}): AnyIssuerAdapter {
  const provider = new JsonRpcProvider(params.rpcUrl, params.chainId, { staticNetwork: true });
  /** Every SIWE nonce that signed someone in: a replayed message names one of these. */
  const usedNonces = new Set<string>();

  async function firstTransactionTime(address: string, latestBlock: number): Promise<number | undefined> {
    if ((await provider.getTransactionCount(address, latestBlock)) === 0) return undefined;
    // The lowest block whose state shows a sent transaction: binary search on the nonce.
    let low = 0;
    let high = latestBlock;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if ((await provider.getTransactionCount(address, middle)) > 0) high = middle;
      else low = middle + 1;
    }
    return (await provider.getBlock(low))?.timestamp;
  }

  return defineAdapter<{ address: string }, ChainData>({
    id: 'ethereum',
    name: 'Ethereum address',
    description:
      'Sign in with your Ethereum account (no transaction, no fee): ETH balance band, tokens held, address age band. The address is not issued.',
    selfAsserted: false,
    attributes: ['ethBalanceBand', 'tokenHolding', 'addressAgeBand'],
    validForSeconds: params.validForSeconds ?? 7 * 86_400,
    async startAuthentication(session) {
      const issuer = new URL(session.callbackUrl);
      const issuedAt = new Date();
      return {
        kind: 'siwe',
        domain: issuer.host,
        uri: issuer.origin,
        nonce: session.nonce,
        chainId: params.chainId,
        statement: 'Prove that I control this address, to get credentials about it. No transaction, no fee.',
        issuedAt: issuedAt.toISOString(),
        expirationTime: new Date(issuedAt.getTime() + 10 * 60_000).toISOString(),
      };
    },
    async authenticate(session, input) {
      const body = parseWith(signInBody, input.body, 'body');
      let message: SiweMessage;
      try {
        message = new SiweMessage(body.message);
      } catch (cause) {
        throw new SourceAuthenticationError('The message is not a Sign-In with Ethereum (EIP-4361) message.', {
          field: 'body.message',
          cause,
        });
      }
      if (usedNonces.has(message.nonce)) {
        throw new NonceReusedError('This Sign-In with Ethereum message was used before.', {
          field: 'body.message.nonce',
          hint: 'Sign the fresh message of this session.',
        });
      }
      const issuer = new URL(session.callbackUrl);
      if (message.domain !== issuer.host) {
        throw new SourceAuthenticationError(`The message is for ${message.domain}, not this issuer (${issuer.host}).`, {
          field: 'body.message.domain',
        });
      }
      if (message.nonce !== session.nonce) {
        throw new SourceAuthenticationError('The message carries another session’s nonce.', {
          field: 'body.message.nonce',
        });
      }
      if (message.chainId !== params.chainId) {
        throw new SourceAuthenticationError(`The message is for chain ${message.chainId}, not ${params.chainId}.`, {
          field: 'body.message.chainId',
        });
      }
      if (new URL(message.uri).origin !== issuer.origin) {
        throw new SourceAuthenticationError('The message names another URI than this issuer.', {
          field: 'body.message.uri',
        });
      }
      const result = await message
        .verify({ signature: body.signature, domain: issuer.host, nonce: session.nonce }, { suppressExceptions: true })
        .catch((cause: unknown) => ({ success: false, error: { type: String(cause) } }));
      if (!result.success) {
        const type = result.error?.type;
        const field =
          type === SiweErrorType.EXPIRED_MESSAGE || type === SiweErrorType.NOT_YET_VALID_MESSAGE
            ? 'body.message.expirationTime'
            : 'body.signature';
        throw new SourceAuthenticationError(
          type === SiweErrorType.INVALID_SIGNATURE
            ? 'The signature is not from the address in the message.'
            : `Sign-In with Ethereum failed: ${type ?? 'unknown'}.`,
          { field },
        );
      }
      usedNonces.add(message.nonce);
      return { address: message.address };
    },
    async read({ address }) {
      try {
        const latest = await provider.getBlock('latest');
        if (!latest) throw new Error('no latest block');
        const balanceWei = await provider.getBalance(address, latest.number);
        const held: WatchedToken[] = [];
        for (const token of params.tokens) {
          const balance = (await new Contract(token.address, balanceOfAbi, provider).getFunction('balanceOf')(address, {
            blockTag: latest.number,
          })) as bigint;
          if (balance > 0n) held.push(token);
        }
        return {
          address,
          balanceWei,
          held,
          firstSeen: await firstTransactionTime(address, latest.number),
          latest: latest.timestamp,
        };
      } catch (cause) {
        throw new SourceUnavailableError('The Ethereum node does not answer.', { field: 'rpc', cause });
      }
    },
    renewal: {
      grantFor: ({ address }, now) => ({ data: { address }, until: now + 365 * 86_400 }),
      resume: async ({ address = '' }) => ({ address }),
    },
    derive(data, now) {
      const out: PreviewAttribute[] = [];
      const milliether = Math.floor(Number(formatEther(data.balanceWei)) * 1000);
      const band = bandFloor(milliether, ETH_BALANCE_BANDS_MILLIETHER);
      out.push({
        attribute: 'ethBalanceBand',
        value: band,
        description: `ETH balance ${describeBand(
          band / 1000,
          ETH_BALANCE_BANDS_MILLIETHER.map((floor) => floor / 1000),
        )} ETH`,
      });
      for (const token of data.held) {
        out.push({
          attribute: 'tokenHolding',
          value: `${token.kind}:${params.chainId}:${token.address.toLowerCase()}`,
          description: `holds ${token.name} (${token.kind === 'erc20' ? 'ERC-20' : 'ERC-721'})`,
        });
      }
      if (data.firstSeen !== undefined) {
        const days = Math.floor((Math.max(now, data.latest) - data.firstSeen) / 86_400);
        const ageBand = bandFloor(days, ADDRESS_AGE_BANDS_DAYS);
        out.push({
          attribute: 'addressAgeBand',
          value: ageBand,
          description: `address in use for ${describeBand(ageBand, ADDRESS_AGE_BANDS_DAYS, 'days')}`,
        });
      }
      return out;
    },
  });
}

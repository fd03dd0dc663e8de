// One reward address per merchant: two merchants (and anyone reading the pool's Claimed events)
// see two unrelated addresses. The key comes from the holder secret — which the recovery phrase
// restores, and which is all an unlocked page or the wallet agent holds (never the phrase) — so
// every place that proves an answer can also name its reward address.
import { computeAddress, concat, getAddress, getBytes, keccak256, toBeHex, toUtf8Bytes, ZeroAddress } from 'ethers';
import { InvalidInputError } from '../errors/index.ts';
import type { AttributeRequest } from '../protocol/request.ts';
import { holderSecretFromPhrase } from './recoveryPhrase.ts';

/** secp256k1's group order: a private key is in [1, n − 1]. */
const SECP256K1_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** Where the wallet's keys come from: the recovery phrase, or the holder secret it gives. */
export type RewardKeySource = { phrase: string } | { holderSecret: bigint };

function holderSecretOf(source: RewardKeySource): bigint {
  if ('holderSecret' in source) {
    if (typeof source.holderSecret !== 'bigint' || source.holderSecret <= 0n) {
      throw new InvalidInputError('The holder secret must be a positive bigint.', { field: 'holderSecret' });
    }
    return source.holderSecret;
  }
  return holderSecretFromPhrase(source.phrase);
}

/**
 * The reward account the person uses with one merchant: private key = keccak256("decdp:reward-account:v2"
 * ‖ holder secret ‖ merchant address) mod (n − 1) + 1. Without the holder secret no two such
 * addresses can be tied together; with the private key any Ethereum wallet opens the account.
 * @since 0.2.0
 */
export function rewardAccountFor(params: RewardKeySource & { merchantAddress: string }): {
  address: string;
  privateKey: string;
} {
  const merchant = (() => {
    try {
      return getBytes(getAddress(params.merchantAddress));
    } catch (cause) {
      throw new InvalidInputError('The merchant address is not an Ethereum address.', {
        field: 'merchantAddress',
        cause,
      });
    }
  })();
  const digest = keccak256(
    concat([toUtf8Bytes('decdp:reward-account:v2'), toBeHex(holderSecretOf(params), 32), merchant]),
  );
  const privateKey = toBeHex((BigInt(digest) % (SECP256K1_ORDER - 1n)) + 1n, 32);
  return { address: computeAddress(privateKey), privateKey };
}

/**
 * The reward address (checksummed) the person uses with one merchant: from the phrase or from
 * the holder secret, the same address.
 * @since 0.2.0
 */
export function rewardAddressFor(params: RewardKeySource & { merchantAddress: string }): string {
  return rewardAccountFor(params).address;
}

/**
 * The recipient an answer binds: the merchant's own reward address when the request pays, else
 * the zero address, so an unrewarded answer carries no address at all.
 * @since 0.2.0
 */
export function answerRecipient(
  params: { request: Pick<AttributeRequest, 'merchant' | 'reward'> } & RewardKeySource,
): string {
  if (!params.request.reward) return ZeroAddress;
  const source: RewardKeySource =
    'holderSecret' in params ? { holderSecret: params.holderSecret } : { phrase: params.phrase };
  return rewardAddressFor({ ...source, merchantAddress: params.request.merchant.address });
}

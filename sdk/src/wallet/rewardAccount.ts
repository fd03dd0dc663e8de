// One reward address per merchant, from the recovery phrase: two merchants (and anyone reading
// the pool's Claimed events) see two unrelated addresses, and the phrase alone restores them all.
import { concat, getAddress, getBytes, HDNodeWallet, keccak256, Mnemonic, toUtf8Bytes, ZeroAddress } from 'ethers';
import { InvalidInputError } from '../errors/index.ts';
import type { AttributeRequest } from '../protocol/request.ts';

const HARDENED_RANGE = 0x8000_0000;

/**
 * The key-tree path of the reward account for one merchant: m/44'/60'/a'/0/b with a and b taken
 * from keccak256("decdp:reward-account:v1" ‖ merchant address) (31 bits each, a hardened). The
 * path is the same in every wallet, so it says nothing about the person; without the phrase no
 * two such addresses can be tied together (hardened derivation).
 * @since 0.2.0
 */
export function rewardAccountPath(merchantAddress: string): string {
  const digest = getBytes(
    keccak256(concat([toUtf8Bytes('decdp:reward-account:v1'), getBytes(getAddress(merchantAddress))])),
  );
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  const account = view.getUint32(0) % HARDENED_RANGE;
  const index = view.getUint32(4) % HARDENED_RANGE;
  return `m/44'/60'/${account}'/0/${index}`;
}

/**
 * The reward address (checksummed) the person uses with one merchant.
 * @since 0.2.0
 */
export function rewardAddressFor(params: { phrase: string; merchantAddress: string }): string {
  const normalized = params.phrase.trim().toLowerCase().split(/\s+/).join(' ');
  if (!Mnemonic.isValidMnemonic(normalized)) {
    throw new InvalidInputError('The recovery phrase is not valid.', { field: 'recoveryPhrase' });
  }
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(normalized), rewardAccountPath(params.merchantAddress)).address;
}

/**
 * The recipient an answer binds: the merchant's own reward address when the request pays, else
 * the zero address, so an unrewarded answer carries no address at all.
 * @since 0.2.0
 */
export function answerRecipient(params: {
  request: Pick<AttributeRequest, 'merchant' | 'reward'>;
  phrase: string;
}): string {
  if (!params.request.reward) return ZeroAddress;
  return rewardAddressFor({ phrase: params.phrase, merchantAddress: params.request.merchant.address });
}

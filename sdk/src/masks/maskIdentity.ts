// The wallet's Semaphore identity for one mask, derived from the holder secret so the pod needs
// no extra secret and a restored wallet finds its masks again.
//
//   ikm  = holderSecret as 32 bytes, big-endian
//   prk  = HMAC-SHA256(key = "decdp/mask-identity/v1", ikm)            (HKDF-Extract, RFC 5869)
//   okm  = HMAC-SHA256(prk, "mask:" + maskId || 0x01)                  (HKDF-Expand, one block)
//   identity = new Identity(okm)   (Semaphore v4: secret scalar = BLAKE-512 derivation of okm,
//                                   commitment = Poseidon(public key))
//
// Domain separation: pseudonyms and nullifiers are Poseidon(holderSecret, scope) over the field;
// this is HMAC-SHA256 under its own key, then Semaphore's own hashing. Nothing a merchant or mask
// host sees (commitment, Semaphore nullifier Poseidon(scope, secretScalar)) is a function they can
// compute from a pseudonym or a DeCDP nullifier, or the other way round, without the holder secret.
// One identity per mask: commitments in two masks' member lists cannot be matched to each other.
import { Identity } from '@semaphore-protocol/identity';
import { computeHmac, concat, getBytes, toBeHex, toUtf8Bytes } from 'ethers';
import { InvalidInputError } from '../errors/index.ts';
import { toFieldElement } from '../zk/field.ts';
import { maskIdSchema } from './schema.ts';

const EXTRACT_KEY = toUtf8Bytes('decdp/mask-identity/v1');

/** The Semaphore v4 identity of the holder in mask `maskId`. Deterministic; never stored. */
export function maskIdentity(params: { holderSecret: bigint; maskId: string }): Identity {
  const secret = toFieldElement(params.holderSecret, 'holderSecret');
  if (secret === 0n) throw new InvalidInputError('holderSecret must not be zero.', { field: 'holderSecret' });
  if (!maskIdSchema.safeParse(params.maskId).success) {
    throw new InvalidInputError(`maskId "${params.maskId}" is not a mask id.`, { field: 'maskId' });
  }
  const prk = computeHmac('sha256', EXTRACT_KEY, toBeHex(secret, 32));
  const okm = computeHmac('sha256', prk, concat([toUtf8Bytes(`mask:${params.maskId}`), new Uint8Array([1])]));
  return new Identity(getBytes(okm));
}

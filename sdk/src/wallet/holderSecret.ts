import { hexlify, randomBytes } from 'ethers';
import { poseidonHash } from '../zk/poseidon.ts';

/**
 * A fresh holder secret: 31 random bytes, so it is always below the field modulus.
 * @since 0.2.0
 */
export function createHolderSecret(): bigint {
  return BigInt(hexlify(randomBytes(31)));
}

/**
 * Poseidon(holderSecret): what issuers sign for. Reveals nothing about the secret.
 * @since 0.2.0
 */
export function subjectCommitment(holderSecret: bigint): Promise<bigint> {
  return poseidonHash([holderSecret]);
}

import { getBytes, hexlify, randomBytes } from 'ethers';
import { derivePublicKey } from '../zk/eddsa.ts';
import { poseidonHash } from '../zk/poseidon.ts';

export type IssuerKey = {
  /** 32 random bytes, 0x-hex. Keep it secret: whoever holds it can issue credentials. */
  privateKey: string;
  publicKey: { x: bigint; y: bigint };
  /** Poseidon(x, y): how proofs, merchants and IssuerRegistry name this issuer. */
  keyHash: bigint;
};

/**
 * Creates or restores a Baby Jubjub EdDSA key for an issuer.
 * @example const issuer = await createIssuerKey(); // new
 * @example const issuer = await createIssuerKey({ privateKey: process.env.ISSUER_KEY });
 * @since 0.2.0
 */
export async function createIssuerKey(params: { privateKey?: string } = {}): Promise<IssuerKey> {
  const privateKey = params.privateKey ?? hexlify(randomBytes(32));
  const publicKey = await derivePublicKey(getBytes(privateKey));
  return { privateKey, publicKey, keyHash: await poseidonHash([publicKey.x, publicKey.y]) };
}

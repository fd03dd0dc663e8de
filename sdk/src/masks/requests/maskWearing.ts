// Wearing a mask at a shop: what the offer model's `maskId` context needs (docs/offers.md, "a
// context is … a mask"). The shop gives a fresh challenge; the wallet answers with a Semaphore proof
// that a member of the mask is at this shop for this challenge; the shop checks it and may then use
// `{ maskId }` as the offer context of that visit. It learns the mask, never the member, and two
// visits (two challenges) cannot be matched by nullifier.
import { getAddress, keccak256, type Provider, type Signer, toUtf8Bytes } from 'ethers';
import { z } from 'zod';
import { ProofMismatchError } from '../../errors/index.ts';
import { parseWith } from '../../protocol/parse.ts';
import { hashToField } from '../../zk/field.ts';
import type { MaskArtifacts } from '../contributeToMask.ts';
import { MASK_TREE_DEPTH, maskIdSchema, semaphoreProofSchema } from '../schema.ts';
import { proveMembershipOnChain, verifyMembershipOnChain } from './maskRequest.ts';

export const maskWearingSchema = z
  .object({
    version: z.literal(1),
    type: z.literal('decdp.mask-wearing'),
    maskId: maskIdSchema,
    proof: semaphoreProofSchema,
  })
  .strict();

export type MaskWearing = z.output<typeof maskWearingSchema>;

/** Scope of a wearing proof: keccak256("decdp:mask-wearing:v1:<merchant address>:<challenge>") >> 8. */
export function maskWearingScope(params: { merchantAddress: string; challenge: string }): bigint {
  const merchant = getAddress(params.merchantAddress).toLowerCase();
  return hashToField(keccak256(toUtf8Bytes(`decdp:mask-wearing:v1:${merchant}:${params.challenge}`)));
}

/** Message of a wearing proof: the mask it is worn for (a proof for one mask is not one for another). */
export function maskWearingMessage(params: { maskId: string }): bigint {
  return hashToField(keccak256(toUtf8Bytes(`decdp:mask-wearing-message:v1:${params.maskId}`)));
}

/**
 * The wallet shows a shop it wears `maskId`, for the shop's `challenge` (fresh per visit).
 *
 * @example
 * const wearing = await proveMaskWearing({ provider, registry, maskId: 'new-cyclist', holderSecret, merchantAddress, challenge, artifacts });
 */
export async function proveMaskWearing(params: {
  provider: Provider;
  registry: string;
  maskId: string;
  holderSecret: bigint;
  merchantAddress: string;
  challenge: string;
  artifacts: MaskArtifacts;
}): Promise<MaskWearing> {
  const proof = await proveMembershipOnChain({
    ...params,
    scope: maskWearingScope(params),
    message: maskWearingMessage(params),
  });
  return { version: 1, type: 'decdp.mask-wearing', maskId: params.maskId, proof };
}

/**
 * The shop's check: scope (its address, its challenge) and message (the mask) first
 * (PROOF_MISMATCH, field wearing.proof.scope / wearing.proof.message), then Semaphore on-chain
 * (MASK_GROUP_TOO_SMALL, MASK_ROOT_STALE, PROOF_INVALID). Returns the offer context's `maskId`.
 */
export async function verifyMaskWearing(params: {
  provider: Provider | Signer;
  registry: string;
  merchantAddress: string;
  challenge: string;
  wearing: unknown;
}): Promise<{ maskId: string }> {
  const wearing = parseWith(maskWearingSchema, params.wearing, 'wearing');
  if (BigInt(wearing.proof.scope) !== maskWearingScope(params)) {
    throw new ProofMismatchError('The proof is for another shop or visit.', { field: 'wearing.proof.scope' });
  }
  if (BigInt(wearing.proof.message) !== maskWearingMessage(wearing)) {
    throw new ProofMismatchError('The proof is for another mask.', { field: 'wearing.proof.message' });
  }
  if (wearing.proof.merkleTreeDepth !== MASK_TREE_DEPTH) {
    throw new ProofMismatchError('Wrong tree depth.', { field: 'wearing.proof.merkleTreeDepth' });
  }
  await verifyMembershipOnChain({ ...params, maskId: wearing.maskId, proof: wearing.proof, field: 'wearing.proof' });
  return { maskId: wearing.maskId };
}

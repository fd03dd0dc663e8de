// Contributing to a mask: one Semaphore proof that "a member of this mask's group sends this
// signal in this epoch". The proof shows membership without saying which member; its nullifier
// is the same for the same member in the same epoch, so the member counts once.
import { Group } from '@semaphore-protocol/group';
import { generateProof } from '@semaphore-protocol/proof';
import { InvalidInputError } from '../errors/index.ts';
import { MaskAlreadyContributedError, MaskGroupTooSmallError, MaskNotMemberError } from './errors.ts';
import { maskIdentity } from './maskIdentity.ts';
import { maskEpoch, maskMessage, maskScope, normalizeSignal } from './maskScope.ts';
import {
  type MaskContribution,
  type MaskDefinition,
  type MaskGroup,
  type MaskMembership,
  parseMaskSignal,
} from './schema.ts';

/** Semaphore's wasm and zkey for the mask tree depth, as checked bytes (node: loadMaskArtifacts). */
export type MaskArtifacts = { wasm: Uint8Array | string; zkey: Uint8Array | string };

export type ContributeToMaskParams = {
  holderSecret: bigint;
  mask: MaskDefinition;
  group: MaskGroup;
  /** Interests and actions; order does not matter. */
  signal: { interests?: readonly string[]; actions?: readonly string[] };
  nowSeconds: number;
  artifacts: MaskArtifacts;
  /** The wallet's membership document: refuses a second contribution in the epoch before proving. */
  membership?: MaskMembership;
};

/**
 * Proves and returns the contribution to send to the mask host, and the membership document with
 * this epoch's entry added (when one was given).
 *
 * @example
 * const { contribution } = await contributeToMask({ holderSecret, mask, group, signal: { interests: ['road-bikes'] }, nowSeconds, artifacts });
 */
export async function contributeToMask(
  params: ContributeToMaskParams,
): Promise<{ contribution: MaskContribution; membership: MaskMembership | undefined }> {
  const { mask, group } = params;
  if (group.maskId !== mask.id) {
    throw new InvalidInputError(`The group is mask ${group.maskId}'s, not ${mask.id}'s.`, { field: 'group.maskId' });
  }
  const signal = normalizeSignal(
    parseMaskSignal({ interests: [...(params.signal.interests ?? [])], actions: [...(params.signal.actions ?? [])] }),
  );
  const epoch = maskEpoch({ mask, nowSeconds: params.nowSeconds });
  if (params.membership?.contributions.some((entry) => entry.epoch === epoch)) {
    throw new MaskAlreadyContributedError(`You already contributed to mask ${mask.id} in epoch ${epoch}.`, {
      hint: 'A member counts once per epoch; contribute again in the next epoch.',
    });
  }
  const identity = maskIdentity({ holderSecret: params.holderSecret, maskId: mask.id });
  const members = group.members.map(BigInt);
  const index = members.indexOf(identity.commitment);
  if (index < 0) {
    throw new MaskNotMemberError(`This wallet is not a member of mask ${mask.id}.`, {
      hint: 'Join the mask first (joinMask), and use the group state that includes you.',
    });
  }
  if (members.length < mask.k) {
    throw new MaskGroupTooSmallError(
      `Mask ${mask.id} has ${members.length} members; a contribution needs at least ${mask.k} to hide among.`,
      { hint: 'Wait until more people wear the mask.' },
    );
  }
  const merkleProof = new Group(members).generateMerkleProof(index);
  const proof = await generateProof(
    identity,
    merkleProof,
    maskMessage(signal),
    maskScope({ maskId: mask.id, epoch }),
    mask.treeDepth,
    // snarkjs reads bytes as well as paths; bytes are what was checked against the checksums.
    params.artifacts as { wasm: string; zkey: string },
  );
  const contribution: MaskContribution = {
    version: 1,
    maskId: mask.id,
    epoch,
    signal,
    proof: {
      merkleTreeDepth: proof.merkleTreeDepth,
      merkleTreeRoot: String(proof.merkleTreeRoot),
      nullifier: String(proof.nullifier),
      message: String(proof.message),
      scope: String(proof.scope),
      points: proof.points.map(String) as MaskContribution['proof']['points'],
    },
  };
  const membership = params.membership && {
    ...params.membership,
    contributions: [
      ...params.membership.contributions,
      { epoch, contributedAt: new Date(params.nowSeconds * 1000).toISOString(), signal },
    ],
  };
  return { contribution, membership };
}

// Joining a mask: the wallet derives its identity for the mask, hands the host its commitment
// (addMaskMember, host side) and keeps a membership document in its pod.
import { Group } from '@semaphore-protocol/group';
import { InvalidInputError } from '../errors/index.ts';
import { MaskAdmissionRequiredError } from './errors.ts';
import { maskIdentity } from './maskIdentity.ts';
import {
  fieldStringSchema,
  MASK_IDENTITY_DERIVATION,
  type MaskDefinition,
  type MaskGroup,
  type MaskMembership,
} from './schema.ts';

/**
 * Host side: the group with `identityCommitment` added and its new root recorded. Adding a member
 * who is already in is a no-op (same group back). For an open mask; a mask with `admission` adds
 * members through verifyMaskAdmission and admitMaskMember, which call this.
 */
export function addMaskMember(params: { group: MaskGroup; identityCommitment: string; nowSeconds: number }): MaskGroup {
  const { group } = params;
  const commitment = fieldStringSchema.safeParse(params.identityCommitment);
  if (!commitment.success || commitment.data === '0') {
    throw new InvalidInputError('identityCommitment is not a non-zero field element.', { field: 'identityCommitment' });
  }
  if (group.members.includes(commitment.data)) return group;
  const members = [...group.members, commitment.data];
  const root = new Group(members.map(BigInt)).root.toString();
  return { ...group, members, roots: [...group.roots, { root, since: params.nowSeconds }] };
}

/**
 * Wallet side: joins an open `mask` with the identity derived from the holder secret. Returns the
 * pod document to write to /decdp/masks/<maskId>.json and the group with the member added (what
 * the host would answer; pass the commitment to the host's addMaskMember when the host is
 * elsewhere). A mask with `admission` throws MASK_ADMISSION_REQUIRED: use proveMaskAdmission.
 *
 * @example
 * const { membership, group: joined } = joinMask({ holderSecret, mask, group, nowSeconds });
 * await writeJsonDocument({ url: maskMembershipUrl({ podUrl, maskId: mask.id }), data: membership, fetch });
 */
export function joinMask(params: {
  holderSecret: bigint;
  mask: MaskDefinition;
  group: MaskGroup;
  nowSeconds: number;
}): {
  membership: MaskMembership;
  group: MaskGroup;
} {
  if (params.group.maskId !== params.mask.id) {
    throw new InvalidInputError(`The group is mask ${params.group.maskId}'s, not ${params.mask.id}'s.`, {
      field: 'group.maskId',
    });
  }
  if (params.mask.admission) {
    throw new MaskAdmissionRequiredError(`Mask ${params.mask.id} admits members by credential proof only.`, {
      field: 'mask.admission',
      hint: 'Prove the admission with proveMaskAdmission and send it to the mask host (admitMaskMember).',
    });
  }
  const membership = newMaskMembership(params);
  return {
    membership,
    group: addMaskMember({
      group: params.group,
      identityCommitment: membership.identityCommitment,
      nowSeconds: params.nowSeconds,
    }),
  };
}

/** The pod document of a new membership: this holder's identity commitment for the mask, no contribution yet. */
export function newMaskMembership(params: {
  holderSecret: bigint;
  mask: MaskDefinition;
  nowSeconds: number;
}): MaskMembership {
  const identity = maskIdentity({ holderSecret: params.holderSecret, maskId: params.mask.id });
  return {
    type: 'DecdpMaskMembership',
    version: 1,
    mask: params.mask,
    identityCommitment: identity.commitment.toString(),
    identityDerivation: MASK_IDENTITY_DERIVATION,
    joinedAt: new Date(params.nowSeconds * 1000).toISOString(),
    contributions: [],
  };
}

/** Where the membership document lives in the pod: <pod>/decdp/masks/<maskId>.json. */
export function maskMembershipUrl(params: { podUrl: string; maskId: string }): string {
  return new URL(`decdp/masks/${encodeURIComponent(params.maskId)}.json`, params.podUrl).href;
}

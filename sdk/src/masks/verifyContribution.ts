// The mask host's side: accept a contribution only if its proof holds for this mask, this epoch,
// a current root of this mask's group and a nullifier not yet seen this epoch; then add its labels
// to the counts. The ledger keeps counts and (for the open epoch) nullifiers, nothing per member.
import { verifyProof } from '@semaphore-protocol/proof';
import { ProofInvalidError, ProofMismatchError } from '../errors/index.ts';
import {
  MaskAlreadyContributedError,
  MaskGroupTooSmallError,
  MaskNotMemberError,
  MaskRootStaleError,
} from './errors.ts';
import { maskEpoch, maskMessage, maskScope } from './maskScope.ts';
import {
  type MaskContribution,
  type MaskDefinition,
  type MaskGroup,
  type MaskLedger,
  type MaskSignal,
  parseMaskContribution,
} from './schema.ts';

/** A contribution that passed every check: what recordContribution counts. */
export type VerifiedContribution = { maskId: string; epoch: number; nullifier: string; signal: MaskSignal };

export type VerifyContributionParams = {
  mask: MaskDefinition;
  group: MaskGroup;
  ledger: MaskLedger;
  /** Outside input: parsed here. */
  contribution: unknown;
  nowSeconds: number;
};

/**
 * Checks a contribution. Throws INVALID_INPUT (shape), PROOF_MISMATCH (another mask, epoch, signal
 * or depth), MASK_NOT_MEMBER (root never this group's), MASK_GROUP_TOO_SMALL (fewer than k members
 * at that root), MASK_ROOT_STALE (root replaced too long ago), MASK_ALREADY_CONTRIBUTED (nullifier seen this epoch) or PROOF_INVALID.
 *
 * @example
 * const verified = await verifyContribution({ mask, group, ledger, contribution, nowSeconds });
 * ledger = recordContribution({ ledger, verified });
 */
export async function verifyContribution(params: VerifyContributionParams): Promise<VerifiedContribution> {
  const { mask, group, ledger, nowSeconds } = params;
  const contribution: MaskContribution = parseMaskContribution(params.contribution);
  const { proof } = contribution;

  if (contribution.maskId !== mask.id) {
    throw new ProofMismatchError(`The contribution is for mask ${contribution.maskId}, not ${mask.id}.`, {
      field: 'contribution.maskId',
    });
  }
  const epoch = maskEpoch({ mask, nowSeconds });
  if (contribution.epoch !== epoch) {
    throw new ProofMismatchError(`The contribution is for epoch ${contribution.epoch}; the open epoch is ${epoch}.`, {
      field: 'contribution.epoch',
    });
  }
  if (BigInt(proof.scope) !== maskScope({ maskId: mask.id, epoch })) {
    throw new ProofMismatchError(`The proof's scope is not mask ${mask.id} in epoch ${epoch}.`, {
      field: 'contribution.proof.scope',
    });
  }
  if (BigInt(proof.message) !== maskMessage(contribution.signal)) {
    throw new ProofMismatchError('The proof is for another signal.', { field: 'contribution.proof.message' });
  }
  if (proof.merkleTreeDepth !== mask.treeDepth) {
    throw new ProofMismatchError(
      `The proof is for tree depth ${proof.merkleTreeDepth}, the mask's is ${mask.treeDepth}.`,
      {
        field: 'contribution.proof.merkleTreeDepth',
      },
    );
  }
  assertRootCurrent({ mask, group, root: proof.merkleTreeRoot, nowSeconds });
  if (ledger.maskId !== mask.id) {
    throw new ProofMismatchError(`The ledger is mask ${ledger.maskId}'s, not ${mask.id}'s.`, {
      field: 'ledger.maskId',
    });
  }
  assertNullifierUnused({ ledger, epoch, nullifier: proof.nullifier });

  let valid: boolean;
  try {
    valid = await verifyProof(proof);
  } catch (cause) {
    throw new ProofInvalidError('The mask proof could not be checked.', { cause, field: 'contribution.proof' });
  }
  if (!valid) throw new ProofInvalidError('The mask proof is not valid.', { field: 'contribution.proof' });
  return { maskId: mask.id, epoch, nullifier: proof.nullifier, signal: contribution.signal };
}

/**
 * Adds a verified contribution's labels to the ledger (a new ledger back). Checks the nullifier
 * again, synchronously: of two verifications of one nullifier that overlapped, one is counted.
 * Nullifiers of earlier epochs are dropped (those epochs accept nothing more); their counts stay.
 */
export function recordContribution(params: { ledger: MaskLedger; verified: VerifiedContribution }): MaskLedger {
  const { ledger, verified } = params;
  if (ledger.maskId !== verified.maskId) {
    throw new ProofMismatchError(`The ledger is mask ${ledger.maskId}'s, not ${verified.maskId}'s.`, {
      field: 'ledger.maskId',
    });
  }
  assertNullifierUnused({ ledger, epoch: verified.epoch, nullifier: verified.nullifier });
  const epochs: MaskLedger['epochs'] = {};
  for (const [key, entry] of Object.entries(ledger.epochs)) {
    epochs[key] = Number(key) < verified.epoch ? { ...entry, nullifiers: [] } : entry;
  }
  const key = String(verified.epoch);
  const entry = epochs[key] ?? { contributors: 0, nullifiers: [], interests: {}, actions: {} };
  const add = (counts: Record<string, number>, labels: readonly string[]) => {
    const next = { ...counts };
    for (const label of labels) next[label] = (next[label] ?? 0) + 1;
    return next;
  };
  epochs[key] = {
    contributors: entry.contributors + 1,
    nullifiers: [...entry.nullifiers, verified.nullifier],
    interests: add(entry.interests, verified.signal.interests),
    actions: add(entry.actions, verified.signal.actions),
  };
  return { ...ledger, epochs };
}

function assertNullifierUnused(params: { ledger: MaskLedger; epoch: number; nullifier: string }): void {
  if (params.ledger.epochs[String(params.epoch)]?.nullifiers.includes(params.nullifier)) {
    throw new MaskAlreadyContributedError(`This member already contributed in epoch ${params.epoch}.`, {
      field: 'contribution.proof.nullifier',
      hint: 'A member counts once per epoch.',
    });
  }
}

/**
 * A root is current while it is the group's root, and for `rootValiditySeconds` after the next
 * root replaced it (members who proved just before someone joined are not refused).
 */
function assertRootCurrent(params: { mask: MaskDefinition; group: MaskGroup; root: string; nowSeconds: number }): void {
  const { group, root, nowSeconds, mask } = params;
  if (group.maskId !== mask.id) {
    throw new ProofMismatchError(`The group is mask ${group.maskId}'s, not ${mask.id}'s.`, { field: 'group.maskId' });
  }
  const index = group.roots.findLastIndex((entry) => entry.root === root);
  if (index < 0) {
    throw new MaskNotMemberError(`The proof's group root was never a root of mask ${mask.id}'s group.`, {
      field: 'contribution.proof.merkleTreeRoot',
    });
  }
  // roots[i] is the root of the first i + 1 members (parseMaskGroup checks it).
  if (index + 1 < mask.k) {
    throw new MaskGroupTooSmallError(`The proof's group root has ${index + 1} members, fewer than k = ${mask.k}.`, {
      field: 'contribution.proof.merkleTreeRoot',
    });
  }
  const replacedBy = group.roots[index + 1];
  if (replacedBy && nowSeconds - replacedBy.since > mask.rootValiditySeconds) {
    throw new MaskRootStaleError(
      `The proof's group root was replaced ${nowSeconds - replacedBy.since} s ago (window ${mask.rootValiditySeconds} s).`,
      {
        field: 'contribution.proof.merkleTreeRoot',
        hint: 'Fetch the group again and prove with its current root.',
      },
    );
  }
}

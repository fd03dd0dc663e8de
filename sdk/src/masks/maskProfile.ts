// What a merchant may read about a mask: per closed epoch, how many members contributed and how
// many named each interest or action, each count shown only when at least k members stand
// behind it. Nothing per member exists to show: the ledger holds counts only.
import { InvalidInputError } from '../errors/index.ts';
import type { MaskDeskProfile, MaskProfileCount } from '../protocol/maskDesk.ts';
import { MaskEpochOpenError, MaskProfileBelowKError } from './errors.ts';
import { maskEpoch, maskEpochWindow } from './maskScope.ts';
import type { MaskDefinition, MaskLedger } from './schema.ts';

export type { MaskProfileCount };

/** The mask's counts for a closed epoch (MaskDeskProfile, as the merchant's desk shows them) and which mask they are. */
export type MaskProfile = MaskDeskProfile & {
  maskId: string;
  name: string;
  description: string;
  k: number;
};

/**
 * The mask's aggregate profile for a closed epoch. Throws MASK_EPOCH_OPEN for the current or a
 * future epoch (counts still moving leak one contribution by difference) and MASK_PROFILE_BELOW_K
 * when fewer than k members contributed.
 *
 * @example
 * const profile = maskProfile({ mask, ledger, epoch: maskEpoch({ mask, nowSeconds }) - 1, nowSeconds });
 */
export function maskProfile(params: {
  mask: MaskDefinition;
  ledger: MaskLedger;
  epoch: number;
  nowSeconds: number;
}): MaskProfile {
  const { mask, ledger, epoch } = params;
  if (ledger.maskId !== mask.id) {
    throw new InvalidInputError(`The ledger is mask ${ledger.maskId}'s, not ${mask.id}'s.`, { field: 'ledger.maskId' });
  }
  if (epoch >= maskEpoch({ mask, nowSeconds: params.nowSeconds })) {
    throw new MaskEpochOpenError(`Epoch ${epoch} of mask ${mask.id} has not ended.`, {
      field: 'epoch',
      hint: 'Read the profile of an epoch that has ended.',
    });
  }
  const entry = ledger.epochs[String(epoch)];
  const contributors = entry?.contributors ?? 0;
  if (!entry || contributors < mask.k) {
    // The count itself is not told: "2 of 5" would say something about the 2.
    throw new MaskProfileBelowKError(`Fewer than ${mask.k} members contributed to mask ${mask.id} in epoch ${epoch}.`, {
      field: 'epoch',
      hint: 'A profile is shown only when at least k members contributed.',
    });
  }
  const visible = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, count]) => count >= mask.k)
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const window = maskEpochWindow({ mask, epoch });
  return {
    maskId: mask.id,
    name: mask.name,
    description: mask.description,
    epoch,
    from: window.start,
    to: window.end,
    k: mask.k,
    contributors,
    interests: visible(entry.interests),
    actions: visible(entry.actions),
  };
}

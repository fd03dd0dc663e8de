import { describe, expect, it } from 'vitest';
import { createMask } from './createMask.ts';
import { maskProfile } from './maskProfile.ts';
import { maskEpoch } from './maskScope.ts';
import type { MaskLedger } from './schema.ts';
import { recordContribution, type VerifiedContribution } from './verifyContribution.ts';

// Ledger arithmetic and the k threshold, without proofs (contributeToMask.test.ts proves for real).
const nowSeconds = 1_800_000_000;
const { mask, ledger: empty } = createMask({
  name: 'New cyclist',
  description: 'Getting into cycling',
  id: 'new-cyclist',
  epochSeconds: 86_400,
  nowSeconds,
});
const epoch = maskEpoch({ mask, nowSeconds });
const after = nowSeconds + 86_400;

let nextNullifier = 1000;
function contribute(ledger: MaskLedger, count: number, signal: VerifiedContribution['signal']): MaskLedger {
  let next = ledger;
  for (let index = 0; index < count; index++) {
    const nullifier = String(nextNullifier++);
    next = recordContribution({ ledger: next, verified: { maskId: mask.id, epoch, nullifier, signal } });
  }
  return next;
}

describe('maskProfile shows only what at least k members stand behind', () => {
  it('refuses an epoch with fewer than k contributors, without telling how many', () => {
    const ledger = contribute(empty, 4, { interests: ['road-bikes'], actions: [] });
    let thrown: unknown;
    try {
      maskProfile({ mask, ledger, epoch, nowSeconds: after });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'MASK_PROFILE_BELOW_K', name: 'MaskProfileBelowKError' });
    expect((thrown as Error).message).not.toContain('4');
    expect(() => maskProfile({ mask, ledger, epoch: epoch - 1, nowSeconds: after })).toThrow(
      expect.objectContaining({ code: 'MASK_PROFILE_BELOW_K' }),
    );
  });

  it('shows counts of k or more and nothing of the labels under k', () => {
    let ledger = contribute(empty, 5, { interests: ['road-bikes'], actions: ['viewed-helmets'] });
    ledger = contribute(ledger, 2, { interests: ['road-bikes', 'tricycles'], actions: [] });
    const profile = maskProfile({ mask, ledger, epoch, nowSeconds: after });
    expect(profile).toEqual({
      maskId: 'new-cyclist',
      name: 'New cyclist',
      description: 'Getting into cycling',
      epoch,
      from: epoch * 86_400,
      to: (epoch + 1) * 86_400,
      k: 5,
      contributors: 7,
      interests: [{ label: 'road-bikes', count: 7 }],
      actions: [{ label: 'viewed-helmets', count: 5 }],
    });
    expect(JSON.stringify(profile)).not.toContain('tricycles');
  });

  it('refuses the open epoch: counts that still move give single contributions away by difference', () => {
    const ledger = contribute(empty, 6, { interests: ['road-bikes'], actions: [] });
    expect(() => maskProfile({ mask, ledger, epoch, nowSeconds })).toThrow(
      expect.objectContaining({ code: 'MASK_EPOCH_OPEN' }),
    );
  });

  it('refuses another mask’s ledger', () => {
    const ledger = { ...contribute(empty, 5, { interests: ['road-bikes'], actions: [] }), maskId: 'other-mask' };
    expect(() => maskProfile({ mask, ledger, epoch, nowSeconds: after })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'ledger.maskId' }),
    );
  });
});

describe('recordContribution', () => {
  it('counts a nullifier once per epoch', () => {
    const verified = { maskId: mask.id, epoch, nullifier: '77', signal: { interests: ['road-bikes'], actions: [] } };
    const ledger = recordContribution({ ledger: empty, verified });
    expect(() => recordContribution({ ledger, verified })).toThrow(
      expect.objectContaining({ code: 'MASK_ALREADY_CONTRIBUTED' }),
    );
    // The same nullifier in the next epoch is another scope (it cannot occur in practice).
    expect(
      recordContribution({ ledger, verified: { ...verified, epoch: epoch + 1 } }).epochs[String(epoch + 1)],
    ).toBeTruthy();
  });

  it('forgets the nullifiers of ended epochs and keeps their counts', () => {
    let ledger = contribute(empty, 5, { interests: ['road-bikes'], actions: [] });
    ledger = recordContribution({
      ledger,
      verified: { maskId: mask.id, epoch: epoch + 1, nullifier: '5', signal: { interests: ['gravel'], actions: [] } },
    });
    expect(ledger.epochs[String(epoch)]).toEqual({
      contributors: 5,
      nullifiers: [],
      interests: { 'road-bikes': 5 },
      actions: {},
    });
    expect(ledger.epochs[String(epoch + 1)]?.nullifiers).toEqual(['5']);
  });

  it('refuses another mask’s contribution', () => {
    expect(() =>
      recordContribution({
        ledger: empty,
        verified: { maskId: 'other-mask', epoch, nullifier: '1', signal: { interests: ['a'], actions: [] } },
      }),
    ).toThrow(expect.objectContaining({ code: 'PROOF_MISMATCH' }));
  });
});

import { describe, expect, it } from 'vitest';
import { createMask } from './createMask.ts';
import {
  maskAdmissionHash,
  maskAdmissionScope,
  maskEpoch,
  maskEpochWindow,
  maskMessage,
  maskScope,
} from './maskScope.ts';

const { mask } = createMask({ name: 'x', description: '', id: 'new-cyclist', epochSeconds: 86_400, nowSeconds: 0 });

describe('mask scope, message and epochs', () => {
  it('scope differs per mask and per epoch, and stays in the field', () => {
    const scopes = [
      maskScope({ maskId: 'new-cyclist', epoch: 1 }),
      maskScope({ maskId: 'new-cyclist', epoch: 2 }),
      maskScope({ maskId: 'christmas-shopping', epoch: 1 }),
    ];
    expect(new Set(scopes).size).toBe(3);
    for (const scope of scopes) expect(scope < 2n ** 248n).toBe(true);
  });

  it('message is the set of labels: order does not matter, content does', () => {
    const a = maskMessage({ interests: ['road-bikes', 'helmets'], actions: ['viewed-helmets'] });
    expect(maskMessage({ interests: ['helmets', 'road-bikes'], actions: ['viewed-helmets'] })).toBe(a);
    expect(maskMessage({ interests: ['road-bikes', 'helmets'], actions: [] })).not.toBe(a);
    // An interest and an action of the same name are different signals.
    expect(maskMessage({ interests: ['helmets'], actions: [] })).not.toBe(
      maskMessage({ interests: [], actions: ['helmets'] }),
    );
  });

  it('epochs are whole windows of epochSeconds', () => {
    expect(maskEpoch({ mask, nowSeconds: 86_399 })).toBe(0);
    expect(maskEpoch({ mask, nowSeconds: 86_400 })).toBe(1);
    expect(maskEpochWindow({ mask, epoch: 2 })).toEqual({ start: 172_800, end: 259_200 });
  });
});

describe('mask admission scope and hash', () => {
  it('the scope is per mask and not an epoch scope; the hash binds mask and commitment', () => {
    const scope = maskAdmissionScope({ maskId: 'new-cyclist' });
    expect(scope).not.toBe(maskAdmissionScope({ maskId: 'christmas-shopping' }));
    expect(scope).not.toBe(maskScope({ maskId: 'new-cyclist', epoch: 0 }));
    expect(scope < 2n ** 248n).toBe(true);
    const hash = maskAdmissionHash({ maskId: 'new-cyclist', identityCommitment: '1' });
    expect(hash).not.toBe(maskAdmissionHash({ maskId: 'new-cyclist', identityCommitment: '2' }));
    expect(hash).not.toBe(maskAdmissionHash({ maskId: 'christmas-shopping', identityCommitment: '1' }));
  });
});

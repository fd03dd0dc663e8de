import { describe, expect, it } from 'vitest';
import { nullifierOf, pseudonymOf } from '../protocol/publicSignals.ts';
import { poseidonHash } from '../zk/poseidon.ts';
import { maskIdentity } from './maskIdentity.ts';

const holderSecret = 123456789n;

describe('maskIdentity derives the Semaphore identity from the holder secret', () => {
  it('is deterministic: a restored wallet finds the same member', () => {
    const a = maskIdentity({ holderSecret, maskId: 'new-cyclist' });
    const b = maskIdentity({ holderSecret, maskId: 'new-cyclist' });
    expect(a.commitment).toBe(b.commitment);
    expect(a.secretScalar).toBe(b.secretScalar);
  });

  it('is pinned: the derivation is part of the format (changing it orphans every membership)', () => {
    expect(maskIdentity({ holderSecret: 1n, maskId: 'test-mask' }).commitment.toString()).toMatchInlineSnapshot(
      `"19533793034806063956193155767932371526107673569008065072758332781792111609940"`,
    );
  });

  it('gives one identity per mask, so member lists of two masks cannot be matched', () => {
    const a = maskIdentity({ holderSecret, maskId: 'new-cyclist' });
    const b = maskIdentity({ holderSecret, maskId: 'christmas-shopping' });
    expect(a.commitment).not.toBe(b.commitment);
    expect(a.secretScalar).not.toBe(b.secretScalar);
  });

  it('gives another identity to another holder', () => {
    const a = maskIdentity({ holderSecret, maskId: 'new-cyclist' });
    const b = maskIdentity({ holderSecret: holderSecret + 1n, maskId: 'new-cyclist' });
    expect(a.commitment).not.toBe(b.commitment);
  });

  it('shares no value with the holder commitment, pseudonyms or DeCDP nullifiers', async () => {
    const identity = maskIdentity({ holderSecret, maskId: 'new-cyclist' });
    const subject = await poseidonHash([holderSecret]);
    const pseudonym = await pseudonymOf({ holderSecret, merchantScope: 42n });
    const nullifier = await nullifierOf({ holderSecret, nullifierScope: 42n });
    const published = [identity.commitment, identity.secretScalar, identity.publicKey[0], identity.publicKey[1]];
    for (const value of [holderSecret, subject, pseudonym, nullifier]) expect(published).not.toContain(value);
  });

  it('refuses a zero or out-of-field secret and a malformed mask id', () => {
    expect(() => maskIdentity({ holderSecret: 0n, maskId: 'new-cyclist' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'holderSecret' }),
    );
    expect(() => maskIdentity({ holderSecret: -1n, maskId: 'new-cyclist' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => maskIdentity({ holderSecret, maskId: '../wallet' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'maskId' }),
    );
  });
});

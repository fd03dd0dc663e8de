import { describe, expect, it } from 'vitest';
import { packRecipientAndTime, SIGNAL_INDEX } from '../protocol/publicSignals.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { type BundleEntry, checkProofBundle } from './checkProofBundle.ts';

const recipient = 0x70997970c51812dc3a010c7d01b50e0d17dc79c8n;
const now = 1_800_000_000;
const key = { nPublic: 4 } as VerificationKey;
const window = { recipient, now, maxAgeSeconds: 600, maxDriftSeconds: 120, expiresAt: now + 3600 };
const messages = { statementHash: 'statement', contextHash: 'context', nullifier: 'nullifier', expired: 'expired' };

function entry(position: number, nullifier = 33n): BundleEntry {
  const signals: string[] = [];
  signals[SIGNAL_INDEX.statementHash] = String(100n + BigInt(position));
  signals[SIGNAL_INDEX.nullifier] = String(nullifier);
  signals[SIGNAL_INDEX.recipientAndTime] = String(packRecipientAndTime({ recipient, now }));
  signals[SIGNAL_INDEX.contextHash] = '22';
  return { field: `bundle.proofs[${position}]`, proof: { position }, publicSignals: signals };
}
const bindingOf = async (item: BundleEntry) => ({
  statementHash: BigInt(item.publicSignals[SIGNAL_INDEX.statementHash] as string),
  contextHash: 22n,
});

describe('checkProofBundle', () => {
  it('checks every binding, then the caller’s last check, then Groth16 once over all proofs', async () => {
    const steps: string[] = [];
    const result = await checkProofBundle({
      entries: [entry(0), entry(1)],
      verificationKey: key,
      bindingOf: async (item) => {
        steps.push(`bind ${item.field}`);
        return bindingOf(item);
      },
      window,
      messages,
      beforeProofs: ({ nullifier, signals }) => steps.push(`before ${nullifier} ${signals.length}`),
      verifyProofs: async (items) => {
        steps.push(`groth16 ${items.length}`);
        return items.map(() => true);
      },
    });
    expect(result.nullifier).toBe(33n);
    expect(steps).toEqual(['bind bundle.proofs[0]', 'bind bundle.proofs[1]', 'before 33 2', 'groth16 2']);
  });

  it('refuses a key of another circuit version before any binding', async () => {
    let bound = false;
    await expect(
      checkProofBundle({
        entries: [entry(0)],
        verificationKey: { nPublic: 5 } as VerificationKey,
        bindingOf: async (item) => {
          bound = true;
          return bindingOf(item);
        },
        window,
        messages,
      }),
    ).rejects.toMatchObject({ code: 'PROOF_INVALID', field: 'verificationKey.nPublic' });
    expect(bound).toBe(false);
  });

  it('refuses two holders (nullifiers differ) and never pairs', async () => {
    let paired = false;
    await expect(
      checkProofBundle({
        entries: [entry(0), entry(1, 34n)],
        verificationKey: key,
        bindingOf,
        window,
        messages,
        verifyProofs: async (items) => {
          paired = true;
          return items.map(() => true);
        },
      }),
    ).rejects.toMatchObject({ code: 'PROOF_MISMATCH', field: 'bundle.proofs[1].publicSignals.nullifier' });
    expect(paired).toBe(false);
  });

  it('names the first proof that does not verify, in the caller’s words and error', async () => {
    const run = (refuse?: (failure: { check: string; field: string }) => Error) =>
      checkProofBundle({
        entries: [entry(0), entry(1), entry(2)],
        verificationKey: key,
        bindingOf,
        window,
        messages: { ...messages, proofInvalid: 'no pairing' },
        verifyProofs: async () => [true, false, false],
        ...(refuse ? { refuse } : {}),
      });
    await expect(run()).rejects.toMatchObject({
      code: 'PROOF_INVALID',
      field: 'bundle.proofs[1].proof',
      shortMessage: 'no pairing',
    });
    await expect(run(({ check, field }) => new Error(`${check} at ${field}`))).rejects.toThrow(
      'proof at bundle.proofs[1].proof',
    );
  });

  it('refuses a bundle of no proof', async () => {
    await expect(
      checkProofBundle({ entries: [], verificationKey: key, bindingOf, window, messages }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

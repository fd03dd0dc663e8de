import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecdpError } from '../errors/index.ts';
import { makeHolder } from '../testing/demo.ts';
import { releaseProverThreads } from '../zk/groth16.ts';
import { type CredentialArtifacts, loadNodeArtifacts } from '../zk/loadNodeArtifacts.ts';
import { createMask } from './createMask.ts';
import { joinMask } from './joinMask.ts';
import { maskIdentity } from './maskIdentity.ts';
import { proveAdmissionOf, proveMaskAdmission } from './proveMaskAdmission.ts';
import {
  type MaskAdmission,
  type MaskAdmissionRule,
  type MaskDefinition,
  type MaskGroup,
  type MaskLedger,
  type MaskMembership,
  parseMaskLedger,
  parseMaskMembership,
} from './schema.ts';
import { admitMaskMember, verifyMaskAdmission } from './verifyMaskAdmission.ts';

// Real credential proofs (circuit v2, ≈ 0.7–1 s each): four are made once in beforeAll (two
// predicates × two admissions) and every refusal below is a variation on them.
const nowSeconds = Math.floor(Date.now() / 1000);
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

let artifacts: CredentialArtifacts;
let holder: Awaited<ReturnType<typeof makeHolder>>;
let rule: MaskAdmissionRule;
let cyclist: { mask: MaskDefinition; group: MaskGroup; ledger: MaskLedger };
let admission: MaskAdmission;
let membership: MaskMembership;
/** The same holder secret (same credentials) admitting a second identity it holds elsewhere. */
let secondIdentity: MaskAdmission;

beforeAll(async () => {
  artifacts = await loadNodeArtifacts();
  holder = await makeHolder({ now: nowSeconds });
  rule = {
    predicates: [
      { attribute: 'age', op: 'gte', value: 18 },
      { attribute: 'interest', op: 'in', values: ['cycling', 'running'] },
    ],
    trustedIssuers: [holder.issuer.keyHash.toString()],
  };
  cyclist = createMask({ name: 'New cyclist', description: 'd', id: 'new-cyclist', nowSeconds, admission: rule });
  ({ admission, membership } = await proveMaskAdmission({
    holderSecret: holder.holderSecret,
    mask: cyclist.mask,
    credentials: holder.credentials,
    artifacts,
    nowSeconds,
  }));
  secondIdentity = await proveAdmissionOf({
    holderSecret: holder.holderSecret,
    mask: cyclist.mask,
    credentials: holder.credentials,
    artifacts,
    nowSeconds,
    identityCommitment: maskIdentity({ holderSecret: 424242n, maskId: cyclist.mask.id }).commitment.toString(),
  });
}, 120_000);

afterAll(async () => {
  await releaseProverThreads();
});

/** 'OK' or the refusal's code and field. */
async function outcome(overrides: { mask?: MaskDefinition; ledger?: MaskLedger; admission?: unknown; now?: number }) {
  try {
    await verifyMaskAdmission({
      mask: overrides.mask ?? cyclist.mask,
      ledger: overrides.ledger ?? cyclist.ledger,
      admission: overrides.admission ?? admission,
      verificationKey: artifacts.verificationKey,
      nowSeconds: overrides.now ?? nowSeconds,
    });
    return 'OK';
  } catch (error) {
    return error instanceof DecdpError ? `${error.code} ${error.field ?? ''}`.trim() : String(error);
  }
}

describe('mask admission by credential proof', () => {
  it('admits a holder with a valid proof per predicate: member added, nullifier spent, nothing else kept', async () => {
    expect(admission.proofs).toHaveLength(2);
    expect(admission.identityCommitment).toBe(membership.identityCommitment);
    expect(parseMaskMembership(clone(membership)).mask.admission).toEqual(rule);
    const verified = await verifyMaskAdmission({
      mask: cyclist.mask,
      ledger: cyclist.ledger,
      admission: clone(admission),
      verificationKey: artifacts.verificationKey,
      nowSeconds,
    });
    expect(verified.identityCommitment).toBe(membership.identityCommitment);
    const admitted = admitMaskMember({ group: cyclist.group, ledger: cyclist.ledger, verified, nowSeconds });
    expect(admitted.group.members).toEqual([membership.identityCommitment]);
    expect(admitted.ledger.admissionNullifiers).toEqual([verified.nullifier]);
    expect(parseMaskLedger(clone(admitted.ledger))).toEqual(admitted.ledger);
    // The nullifier is the holder's in this mask only, never the subject commitment.
    expect(verified.nullifier).not.toBe(holder.commitment.toString());

    // A second admission of the same holder secret, for another identity commitment: one seat each.
    expect(await outcome({ admission: secondIdentity, ledger: admitted.ledger })).toBe(
      'MASK_ALREADY_ADMITTED admission.proofs[0].publicSignals.nullifier',
    );
    // Also when both were verified before either was admitted (overlapping requests).
    const overlapping = await verifyMaskAdmission({
      mask: cyclist.mask,
      ledger: cyclist.ledger,
      admission: secondIdentity,
      verificationKey: artifacts.verificationKey,
      nowSeconds,
    });
    expect(overlapping.nullifier).toBe(verified.nullifier);
    expect(() => admitMaskMember({ ...admitted, verified: overlapping, nowSeconds })).toThrow(
      expect.objectContaining({ code: 'MASK_ALREADY_ADMITTED' }),
    );
  });

  it('refuses a proof for another mask, or one moved to it', async () => {
    const other = createMask({ name: 'x', description: '', id: 'christmas', nowSeconds, admission: rule });
    expect(await outcome({ mask: other.mask, ledger: other.ledger })).toBe('PROOF_MISMATCH admission.maskId');
    const moved = { ...clone(admission), maskId: 'christmas' };
    expect(await outcome({ mask: other.mask, ledger: other.ledger, admission: moved })).toBe(
      'PROOF_MISMATCH admission.proofs[0].publicSignals.statementHash',
    );
  });

  it('refuses a proof bound to another identity commitment', async () => {
    const stolen = { ...clone(admission), identityCommitment: secondIdentity.identityCommitment };
    expect(await outcome({ admission: stolen })).toBe('PROOF_MISMATCH admission.proofs[0].publicSignals.contextHash');
  });

  it('refuses an admission whose pseudonym is not the prover’s (the nullifier in its place, as circuit v2 had it)', async () => {
    const nullifier = admission.proofs[0]?.publicSignals[1] as string;
    const renamed = { ...clone(admission), pseudonym: nullifier };
    expect(await outcome({ admission: renamed })).toBe('PROOF_MISMATCH admission.proofs[0].publicSignals.contextHash');
  });

  it('refuses an issuer the mask does not trust', async () => {
    const strict = { ...cyclist.mask, admission: { ...rule, trustedIssuers: ['12345'] } };
    expect(await outcome({ mask: strict })).toBe('ISSUER_NOT_TRUSTED admission.proofs[0].issuerKeyHash');
    // A predicate's own issuers narrow the mask's trusted ones: for the host and for the wallet.
    const narrowed = rule.predicates.map((predicate, index) =>
      index === 0 ? { ...predicate, issuers: ['12345'] } : predicate,
    );
    const mask = { ...cyclist.mask, admission: { ...rule, predicates: narrowed } };
    expect(await outcome({ mask })).toBe('ISSUER_NOT_TRUSTED admission.proofs[0].issuerKeyHash');
    const prove = proveMaskAdmission({ ...holder, mask, artifacts, nowSeconds });
    await expect(prove).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'mask.admission.predicates[0].issuers' });
  });

  it('cannot prove a predicate the credential does not meet, and refuses a weaker predicate’s proof', async () => {
    const ageAtLeast40 = { attribute: 'age', op: 'gte', value: 40 };
    const mask = { ...cyclist.mask, admission: { ...rule, predicates: [ageAtLeast40] } };
    await expect(
      proveMaskAdmission({
        holderSecret: holder.holderSecret,
        mask,
        credentials: holder.credentials,
        artifacts,
        nowSeconds,
      }),
    ).rejects.toMatchObject({ code: 'PREDICATE_NOT_SATISFIED', field: 'mask.admission.predicates[0]' });
    // The age ≥ 18 proof offered where age ≥ 40 (same mask id, same number of predicates) is asked.
    const stricter = {
      ...cyclist.mask,
      admission: { ...rule, predicates: [ageAtLeast40, ...rule.predicates.slice(1)] },
    };
    expect(await outcome({ mask: stricter })).toBe('PROOF_MISMATCH admission.proofs[0].publicSignals.statementHash');
  });

  it('refuses a stale proof, a missing proof, a proof of another admission mixed in and a forged proof', async () => {
    expect(await outcome({ now: nowSeconds + 11 * 60 })).toBe(
      'PROOF_MISMATCH admission.proofs[0].publicSignals.recipientAndTime',
    );
    const short = { ...clone(admission), proofs: admission.proofs.slice(0, 1) };
    expect(await outcome({ admission: short })).toBe('INVALID_INPUT admission.proofs');
    // The first holder's age proof with another admission's interest proof: its nullifier and context differ.
    const mixed = { ...clone(admission), proofs: [admission.proofs[0], secondIdentity.proofs[1]] };
    expect(await outcome({ admission: mixed })).toBe('PROOF_MISMATCH admission.proofs[1].publicSignals.contextHash');
    const forged = clone(admission);
    const [first, second] = forged.proofs;
    if (!first || !second) throw new Error('two proofs expected');
    first.proof.pi_a = second.proof.pi_a;
    expect(await outcome({ admission: forged })).toBe('PROOF_INVALID admission.proofs[0].proof');
  });

  it('keeps joining open for a mask without admission, and closes joinMask for one with it', async () => {
    const open = createMask({ name: 'Open', description: '', id: 'open-mask', nowSeconds });
    expect(open.mask.admission).toBeUndefined();
    expect(joinMask({ holderSecret: 5n, mask: open.mask, group: open.group, nowSeconds }).group.members).toHaveLength(
      1,
    );
    expect(await outcome({ mask: open.mask, ledger: open.ledger })).toBe('INVALID_INPUT mask.admission');
    expect(() => joinMask({ holderSecret: 5n, mask: cyclist.mask, group: cyclist.group, nowSeconds })).toThrow(
      expect.objectContaining({ code: 'MASK_ADMISSION_REQUIRED', field: 'mask.admission' }),
    );
  });
});

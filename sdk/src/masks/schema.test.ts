import { describe, expect, it } from 'vitest';
import { createMask } from './createMask.ts';
import { addMaskMember, joinMask, maskMembershipUrl } from './joinMask.ts';
import { maskIdentity } from './maskIdentity.ts';
import {
  parseMaskAdmission,
  parseMaskContribution,
  parseMaskDefinition,
  parseMaskGroup,
  parseMaskLedger,
  parseMaskMembership,
  parseMaskSignal,
} from './schema.ts';

const nowSeconds = 1_800_000_000;

describe('createMask', () => {
  it('makes a definition, an empty group and an empty ledger', () => {
    const { mask, group, ledger } = createMask({
      name: 'New cyclist',
      description: 'Getting into cycling',
      nowSeconds,
    });
    expect(mask.id).toMatch(/^new-cyclist-[0-9a-f]{8}$/);
    expect(mask).toMatchObject({ k: 5, treeDepth: 20, epochSeconds: 604_800, rootValiditySeconds: 3600 });
    expect(group).toEqual({ version: 1, maskId: mask.id, members: [], roots: [] });
    expect(ledger).toEqual({ version: 1, maskId: mask.id, epochs: {} });
  });

  it('refuses k under 5', () => {
    expect(() => createMask({ name: 'x', description: '', id: 'tiny-mask', k: 4, nowSeconds })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'mask.k' }),
    );
  });
});

describe('joinMask and the membership document', () => {
  const { mask, group } = createMask({ name: 'New cyclist', description: 'd', id: 'new-cyclist', nowSeconds });

  it('writes a pod document that parses, holds no secret, and adds the member once', () => {
    const { membership, group: joined } = joinMask({ holderSecret: 7n, mask, group, nowSeconds });
    const document = JSON.parse(JSON.stringify(membership));
    expect(parseMaskMembership(document)).toEqual(membership);
    expect(JSON.stringify(document)).not.toContain(
      maskIdentity({ holderSecret: 7n, maskId: mask.id }).secretScalar.toString(),
    );
    expect(joined.members).toEqual([membership.identityCommitment]);
    expect(joined.roots).toHaveLength(1);
    expect(parseMaskGroup(joined)).toEqual(joined);
    const again = joinMask({ holderSecret: 7n, mask, group: joined, nowSeconds: nowSeconds + 5 });
    expect(again.group).toBe(joined);
  });

  it('lives at /decdp/masks/<maskId>.json', () => {
    expect(maskMembershipUrl({ podUrl: 'http://localhost:3000/alice/', maskId: 'new-cyclist' })).toBe(
      'http://localhost:3000/alice/decdp/masks/new-cyclist.json',
    );
  });

  it('refuses a group whose root does not match its members, or repeats a member', () => {
    let joined = joinMask({ holderSecret: 7n, mask, group, nowSeconds }).group;
    joined = addMaskMember({ group: joined, identityCommitment: '12345', nowSeconds });
    const forged = { ...joined, members: [...joined.members.slice(0, 1), '999'] };
    expect(() => parseMaskGroup(forged)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'group.roots[1].root' }),
    );
    const rootless = { ...joined, roots: joined.roots.slice(1) };
    expect(() => parseMaskGroup(rootless)).toThrow(expect.objectContaining({ field: 'group.roots' }));
    const doubled = { ...joined, members: [joined.members[0], joined.members[0]] };
    expect(() => parseMaskGroup(doubled)).toThrow(expect.objectContaining({ field: 'group.members' }));
  });

  it('refuses a membership document with one epoch twice', () => {
    const { membership } = joinMask({ holderSecret: 7n, mask, group, nowSeconds });
    const entry = { epoch: 3, contributedAt: new Date().toISOString(), signal: { interests: ['a'], actions: [] } };
    expect(() => parseMaskMembership({ ...membership, contributions: [entry, entry] })).toThrow(
      expect.objectContaining({ field: 'membership.contributions' }),
    );
  });
});

describe('signals and contributions are parsed at the edge', () => {
  it('a signal names at least one label, each once, in the label alphabet', () => {
    expect(parseMaskSignal({ interests: ['road-bikes'], actions: [] })).toEqual({
      interests: ['road-bikes'],
      actions: [],
    });
    for (const bad of [
      { interests: [], actions: [] },
      { interests: ['a', 'a'], actions: [] },
      { interests: ['Road Bikes'], actions: [] },
      { interests: Array.from({ length: 17 }, (_, index) => `l${index}`), actions: [] },
    ]) {
      expect(() => parseMaskSignal(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });

  it('a contribution with a non-field value is refused with the field named', () => {
    const proof = {
      merkleTreeDepth: 20,
      merkleTreeRoot: '1',
      nullifier: '2',
      message: '3',
      scope: '21888242871839275222246405745257275088548364400416034343698204186575808495617',
      points: ['1', '2', '3', '4', '5', '6', '7', '8'],
    };
    expect(() =>
      parseMaskContribution({
        version: 1,
        maskId: 'new-cyclist',
        epoch: 1,
        signal: { interests: ['a'], actions: [] },
        proof,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'contribution.proof.scope' }));
  });
});

describe('admission in the definition, the ledger and the admission message', () => {
  const admission = { predicates: [{ attribute: 'age', op: 'gte', value: 18 }], trustedIssuers: ['123'] };

  it('a definition may carry an admission rule with at least one trusted issuer and one predicate', () => {
    const { mask } = createMask({ name: 'x', description: '', id: 'adults-only', nowSeconds, admission });
    expect(parseMaskDefinition(mask).admission).toEqual(admission);
    expect(() => parseMaskDefinition({ ...mask, admission: { ...admission, trustedIssuers: [] } })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'mask.admission.trustedIssuers' }),
    );
    expect(() => parseMaskDefinition({ ...mask, admission: { ...admission, predicates: [] } })).toThrow(
      expect.objectContaining({ field: 'mask.admission.predicates' }),
    );
  });

  it('a ledger without admission nullifiers still parses; one with a nullifier twice does not', () => {
    const ledger = { version: 1, maskId: 'adults-only', epochs: {} };
    expect(parseMaskLedger(ledger)).toEqual(ledger);
    expect(parseMaskLedger({ ...ledger, admissionNullifiers: ['1', '2'] }).admissionNullifiers).toEqual(['1', '2']);
    expect(() => parseMaskLedger({ ...ledger, admissionNullifiers: ['1', '1'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field: 'ledger.admissionNullifiers' }),
    );
  });

  it('an admission names the mask, the commitment and four field elements per proof', () => {
    const proof = {
      pi_a: ['1', '2', '1'],
      pi_b: [
        ['1', '2'],
        ['3', '4'],
        ['1', '0'],
      ],
      pi_c: ['1', '2', '1'],
    };
    const entry = {
      predicateIndex: 0,
      issuerKeyHash: '123',
      proof: { ...proof, protocol: 'groth16', curve: 'bn128' },
      publicSignals: ['1', '2', '3', '4'],
    };
    const message = {
      version: 2,
      type: 'decdp.mask-admission',
      maskId: 'adults-only',
      identityCommitment: '9',
      pseudonym: '10',
    };
    expect(parseMaskAdmission({ ...message, proofs: [entry] }).proofs).toHaveLength(1);
    expect(() => parseMaskAdmission({ ...message, proofs: [{ ...entry, publicSignals: ['1', '2', '3'] }] })).toThrow(
      expect.objectContaining({ field: 'admission.proofs[0].publicSignals' }),
    );
    expect(() => parseMaskAdmission({ ...message, identityCommitment: 'x', proofs: [entry] })).toThrow(
      expect.objectContaining({ field: 'admission.identityCommitment' }),
    );
    // A version-1 admission (circuit v2: no pseudonym) is refused by name.
    const { pseudonym: _pseudonym, ...withoutPseudonym } = message;
    expect(() => parseMaskAdmission({ ...withoutPseudonym, version: 1, proofs: [entry] })).toThrow(
      expect.objectContaining({ field: 'admission.version' }),
    );
  });
});

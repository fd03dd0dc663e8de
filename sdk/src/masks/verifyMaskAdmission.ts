// The mask host's side of admission: accept an identity commitment only with one valid credential
// proof per admission predicate, from a trusted issuer, bound to this mask and this commitment,
// recent, and with an admission nullifier this mask has not seen. The nullifier is
// Poseidon(holderSecret, admission scope): one seat per credential subject per mask.
//
// Why the checks hold (circuit v3): statementHash pins predicate, issuer and both scopes
// (merchantScope = nullifierScope = maskAdmissionScope); the circuit computes contextHash =
// Poseidon(pseudonym, maskAdmissionHash(maskId, commitment)) from the holder's own secret, so a
// proof matches the admission's pseudonym and commitment only when its holder made it for them:
// nobody can bind another holder's proof to a commitment. Equal nullifiers across the proofs mean
// one holder secret behind every predicate.
import { InvalidInputError, IssuerNotTrustedError, ProofMismatchError } from '../errors/index.ts';
import { checkProofBundle } from '../proof/checkProofBundle.ts';
import { resolvePredicate } from '../protocol/predicate.ts';
import { contextHashOf, statementHashOf, statementOf } from '../protocol/publicSignals.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { MaskAlreadyAdmittedError } from './errors.ts';
import { addMaskMember } from './joinMask.ts';
import { maskAdmissionHash, maskAdmissionScope } from './maskScope.ts';
import { type MaskDefinition, type MaskGroup, type MaskLedger, parseMaskAdmission } from './schema.ts';

/** An admission that passed every check: what admitMaskMember adds. */
export type VerifiedMaskAdmission = { maskId: string; identityCommitment: string; nullifier: string };

export type VerifyMaskAdmissionParams = {
  /** A mask with `admission`. */
  mask: MaskDefinition;
  /** The host's ledger: its spent admission nullifiers. */
  ledger: MaskLedger;
  /** Outside input: parsed here. */
  admission: unknown;
  /** The credential circuit's verification key (loadNodeArtifacts().verificationKey). */
  verificationKey: VerificationKey;
  nowSeconds: number;
  /** Default 10 minutes, as for merchant answers. */
  maxProofAgeSeconds?: number;
  /** Default 2 minutes. */
  maxClockDriftSeconds?: number;
};

/**
 * Checks an admission. Throws INVALID_INPUT (shape; an open mask; not one proof per predicate),
 * PROOF_MISMATCH (another mask, commitment, predicate or scope; holders differ; recipient not 0;
 * not recent), ISSUER_NOT_TRUSTED, MASK_ALREADY_ADMITTED (nullifier spent in this mask) or
 * PROOF_INVALID. Pure: admitMaskMember then adds the member.
 *
 * @example
 * const verified = await verifyMaskAdmission({ mask, ledger, admission, verificationKey, nowSeconds });
 * ({ group, ledger } = admitMaskMember({ group, ledger, verified, nowSeconds }));
 */
export async function verifyMaskAdmission(params: VerifyMaskAdmissionParams): Promise<VerifiedMaskAdmission> {
  const { mask, ledger, nowSeconds } = params;
  const admission = parseMaskAdmission(params.admission);
  const rule = mask.admission;
  if (!rule) {
    throw new InvalidInputError(`Mask ${mask.id} is open: it admits without proofs.`, {
      field: 'mask.admission',
      hint: 'Add the commitment with addMaskMember.',
    });
  }
  if (admission.maskId !== mask.id) {
    throw new ProofMismatchError(`The admission is for mask ${admission.maskId}, not ${mask.id}.`, {
      field: 'admission.maskId',
    });
  }
  assertSameMask({ maskId: mask.id, ledger });
  const indexes = admission.proofs.map((entry) => entry.predicateIndex).sort((x, y) => x - y);
  if (indexes.length !== rule.predicates.length || indexes.some((value, position) => value !== position)) {
    throw new InvalidInputError('The admission must hold exactly one proof per admission predicate.', {
      field: 'admission.proofs',
      details: [`Expected indexes 0 to ${rule.predicates.length - 1}, once each`, `Got ${indexes.join(', ')}`],
    });
  }

  const scope = maskAdmissionScope({ maskId: mask.id });
  const requestHash = maskAdmissionHash({ maskId: mask.id, identityCommitment: admission.identityCommitment });
  const trusted = new Set(rule.trustedIssuers);
  const { nullifier } = await checkProofBundle({
    entries: admission.proofs.map((entry, position) => ({ ...entry, field: `admission.proofs[${position}]` })),
    verificationKey: params.verificationKey,
    bindingOf: async (entry) => {
      const requested = rule.predicates[entry.predicateIndex] as (typeof rule.predicates)[number];
      const issuer = BigInt(entry.issuerKeyHash);
      const narrowed = requested.issuers?.some((accepted) => BigInt(accepted) === issuer) ?? true;
      if (!trusted.has(entry.issuerKeyHash) || !narrowed) {
        throw new IssuerNotTrustedError('The credential was signed by an issuer this mask does not trust.', {
          field: `${entry.field}.issuerKeyHash`,
          hint: 'Prove with a credential from one of the mask’s trusted issuers.',
        });
      }
      const predicate = await resolvePredicate(requested, `mask.admission.predicates[${entry.predicateIndex}]`);
      const pseudonym = BigInt(admission.pseudonym);
      return {
        statementHash: await statementHashOf(
          statementOf(predicate, { issuerKeyHash: issuer, merchantScope: scope, nullifierScope: scope }),
        ),
        contextHash: await contextHashOf({ pseudonym, requestHash }),
      };
    },
    window: {
      recipient: 0n,
      now: nowSeconds,
      maxAgeSeconds: params.maxProofAgeSeconds ?? 600,
      maxDriftSeconds: params.maxClockDriftSeconds ?? 120,
      expiresAt: undefined,
    },
    messages: {
      statementHash: 'The proof is for another mask, predicate or issuer than this mask’s admission.',
      contextHash: 'The proof admits another identity commitment or mask.',
      nullifier: 'The proofs come from different holders (different admission nullifiers).',
      expired: 'The proof was made too late.',
      proofInvalid: 'The admission proof does not verify.',
    },
    beforeProofs: ({ nullifier }) => assertAdmissionUnused({ ledger, nullifier: String(nullifier) }),
  });
  const verified = {
    maskId: mask.id,
    identityCommitment: admission.identityCommitment,
    nullifier: String(nullifier),
  };
  return verified;
}

/**
 * Host side: adds a verified admission's commitment to the group (addMaskMember) and spends its
 * nullifier in the ledger; a new group and ledger back, to be stored together. Checks the
 * nullifier again, synchronously: of two overlapping verifications of one nullifier, one admits.
 * A commitment already in the group stays once; the nullifier is spent all the same.
 */
export function admitMaskMember(params: {
  group: MaskGroup;
  ledger: MaskLedger;
  verified: VerifiedMaskAdmission;
  nowSeconds: number;
}): { group: MaskGroup; ledger: MaskLedger } {
  const { group, ledger, verified } = params;
  assertSameMask({ maskId: verified.maskId, ledger, group });
  assertAdmissionUnused({ ledger, nullifier: verified.nullifier });
  const spent = [...(ledger.admissionNullifiers ?? []), verified.nullifier];
  // Sorted, not in join order: the ledger must not pair a nullifier with a member.
  spent.sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
  return {
    group: addMaskMember({ group, identityCommitment: verified.identityCommitment, nowSeconds: params.nowSeconds }),
    ledger: { ...ledger, admissionNullifiers: spent },
  };
}

function assertSameMask(params: { maskId: string; ledger: MaskLedger; group?: MaskGroup }): void {
  for (const [name, document] of [
    ['ledger', params.ledger],
    ['group', params.group],
  ] as const) {
    if (document && document.maskId !== params.maskId) {
      throw new ProofMismatchError(`The ${name} is mask ${document.maskId}'s, not ${params.maskId}'s.`, {
        field: `${name}.maskId`,
      });
    }
  }
}

function assertAdmissionUnused(params: { ledger: MaskLedger; nullifier: string }): void {
  if (params.ledger.admissionNullifiers?.includes(params.nullifier)) {
    throw new MaskAlreadyAdmittedError('This credential subject already admitted an identity to this mask.', {
      field: 'admission.proofs[0].publicSignals.nullifier',
      hint: 'One admission per person (holder secret) and mask; a wallet already admitted finds its commitment in the group.',
    });
  }
}

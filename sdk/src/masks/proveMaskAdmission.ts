// The wallet's side of joining a mask with admission: one ordinary credential proof per admission
// predicate, all with the mask's admission scope as nullifierScope and merchantScope, and the hash
// of { maskId, identityCommitment } as request hash; the admission-scope pseudonym goes with them,
// as an answer's bundle carries its pseudonym. No new circuit, no new key: the host checks them
// with verifyMaskAdmission.
import { InvalidInputError } from '../errors/index.ts';
import { proveFromCredentials } from '../proof/proveFromCredentials.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { resolvePredicate } from '../protocol/predicate.ts';
import { pseudonymOf } from '../protocol/publicSignals.ts';
import type { ProvingArtifacts } from '../zk/groth16.ts';
import { newMaskMembership } from './joinMask.ts';
import { maskAdmissionHash, maskAdmissionScope } from './maskScope.ts';
import type { MaskAdmission, MaskDefinition, MaskMembership } from './schema.ts';

export type ProveMaskAdmissionParams = {
  holderSecret: bigint;
  /** A mask with `admission`; an open mask is joined with joinMask. */
  mask: MaskDefinition;
  /** The wallet's credentials; the first valid one from a trusted issuer that satisfies each predicate is used. */
  credentials: readonly AttributeCredential[];
  /** The credential circuit's artifacts (Node: loadNodeArtifacts; browser: the prover worker's). */
  artifacts: ProvingArtifacts;
  nowSeconds: number;
};

/**
 * Proves that this holder may join `mask`: returns the admission to send to the mask host
 * (verifyMaskAdmission, then admitMaskMember) and the pod document to write once the host has
 * admitted it. One proof per predicate (≈ 0.7 s each in Node). Throws PREDICATE_NOT_SATISFIED
 * before proving when no valid credential from a trusted issuer satisfies a predicate.
 *
 * @example
 * const { admission, membership } = await proveMaskAdmission({ holderSecret, mask, credentials, artifacts, nowSeconds });
 * // POST admission to the host; when it answers with the new group:
 * await writeJsonDocument({ url: maskMembershipUrl({ podUrl, maskId: mask.id }), data: membership, fetch });
 */
export async function proveMaskAdmission(
  params: ProveMaskAdmissionParams,
): Promise<{ admission: MaskAdmission; membership: MaskMembership }> {
  const membership = newMaskMembership(params);
  const admission = await proveAdmissionOf({ ...params, identityCommitment: membership.identityCommitment });
  return { admission, membership };
}

/**
 * The admission proofs for any identity commitment. Not exported by the package: a wallet admits
 * its own derived identity (proveMaskAdmission); tests use this to play a holder who tries to
 * admit a second identity.
 */
export async function proveAdmissionOf(
  params: ProveMaskAdmissionParams & { identityCommitment: string },
): Promise<MaskAdmission> {
  const { mask, nowSeconds } = params;
  if (!mask.admission) {
    throw new InvalidInputError(`Mask ${mask.id} is open: there is nothing to prove.`, {
      field: 'mask.admission',
      hint: 'Join it with joinMask.',
    });
  }
  const trusted = mask.admission.trustedIssuers.map(BigInt);
  const scope = maskAdmissionScope({ maskId: mask.id });
  const context = {
    now: nowSeconds,
    merchantScope: scope,
    nullifierScope: scope,
    recipient: 0n,
    requestHash: maskAdmissionHash({ maskId: mask.id, identityCommitment: params.identityCommitment }),
  };
  const proofs: MaskAdmission['proofs'] = [];
  for (const [predicateIndex, requested] of mask.admission.predicates.entries()) {
    const field = `mask.admission.predicates[${predicateIndex}]`;
    const resolved = await resolvePredicate(requested, field);
    // A predicate's own issuers narrow the mask's trusted ones, never widen them.
    const issuers = trusted.filter((issuer) => resolved.issuers.length === 0 || resolved.issuers.includes(issuer));
    if (issuers.length === 0) {
      throw new InvalidInputError(`${field}.issuers names no issuer the mask trusts.`, { field: `${field}.issuers` });
    }
    const predicate = { ...resolved, issuers };
    const { issuerKeyHash, proof, publicSignals } = await proveFromCredentials({
      credentials: params.credentials,
      holderSecret: params.holderSecret,
      predicate,
      context,
      artifacts: params.artifacts,
      field,
    });
    proofs.push({ predicateIndex, issuerKeyHash: issuerKeyHash.toString(), proof, publicSignals });
  }
  return {
    version: 2,
    type: 'decdp.mask-admission',
    maskId: mask.id,
    identityCommitment: params.identityCommitment,
    pseudonym: (await pseudonymOf({ holderSecret: params.holderSecret, merchantScope: scope })).toString(),
    proofs,
  };
}

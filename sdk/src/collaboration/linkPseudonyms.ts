// Consented linking, verified: the person's pseudonyms at merchants A and B come from one holder
// secret, for one joint campaign. No circuit change: each proof is an ordinary credential proof
// (circuit v2) and the link is what their public signals already force —
//   nullifier_i   = Poseidon(secret_i, campaignScope)            equal for all i ⇒ one secret
//   contextHash_i = Poseidon(Poseidon(secret_i, scope_i), linkHash) ⇒ pseudonym_i is that secret's at merchant i
// (Poseidon collision resistance; statementHash pins scope_i and campaignScope in each proof).
import { getAddress } from 'ethers';
import { InvalidInputError, IssuerNotTrustedError, ProofMismatchError } from '../errors/index.ts';
import { requestedProofs } from '../proof/checkBundleRequest.ts';
import { proofWindow } from '../proof/checkProofBinding.ts';
import { checkProofBundle, type ProofsVerifier } from '../proof/checkProofBundle.ts';
import { describePredicate, resolvePredicate } from '../protocol/predicate.ts';
import { contextHashOf, statementHashOf, statementOf } from '../protocol/publicSignals.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { type LinkBundle, linkBundleHash, parseLinkBundle } from './linkBundle.ts';
import {
  assertLinkRequestSignatures,
  linkRequestHash,
  parseSignedLinkRequest,
  type SignedLinkRequest,
} from './linkRequest.ts';

export type VerifiedLink = {
  linkRequestId: string;
  collaborationId: string;
  campaignId: string;
  /** The campaign nullifier: the same person links once per campaign; the link's id. */
  linkId: string;
  /** One per merchant, in the request's order. */
  pseudonyms: { merchant: string; pseudonym: string }[];
  /** What each proof showed, in words ("Bike Shop: has a interest credential"): nothing new to that merchant. */
  predicates: string[];
  issuerKeyHashes: string[];
  proofHash: string;
  recipient: string;
  invitationToken: string | null;
  /** Unix seconds. */
  verifiedAt: number;
};

export type LinkPseudonymsParameters = {
  /** The link request as the merchants signed it (from the verifier's own store). */
  signedLinkRequest: SignedLinkRequest | unknown;
  /** Untrusted input: parsed here. */
  bundle: unknown;
  verificationKey: VerificationKey;
  /**
   * Issuers accepted for the carrier credentials; default any. The pseudonym, not the credential,
   * is what the link is about: a holder can only make proofs for its own secret.
   */
  trustedIssuers?: readonly bigint[];
  /** Unix seconds; default now. */
  now?: number;
  /** Default 10 minutes. */
  maxProofAgeSeconds?: number;
  /** Default 2 minutes. */
  maxClockDriftSeconds?: number;
  /** Batch verifier (see verifyProofBundle); default prepareVerifier, one proof at a time. */
  verifyProofs?: ProofsVerifier;
};

/**
 * Verifies a link bundle against the signed link request: every merchant signed it; one proof per
 * merchant; each statementHash recomputed (exists on the merchant's attribute, the proof's issuer,
 * merchant scope, campaign scope); each contextHash from the named pseudonym and the link hash;
 * one nullifier across the bundle; same recipient, recent time, before expiry; every Groth16 proof.
 * Pure (no I/O): the caller records the link (collaborationRegistry.addLink), which refuses a
 * second link with the same id.
 * @example const link = await linkPseudonyms({ signedLinkRequest, bundle, verificationKey });
 */
export async function linkPseudonyms(params: LinkPseudonymsParameters): Promise<VerifiedLink> {
  const signed = parseSignedLinkRequest(params.signedLinkRequest);
  const request = signed.request;
  assertLinkRequestSignatures(signed);
  const bundle: LinkBundle = parseLinkBundle(params.bundle);
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const hash = linkRequestHash(request);
  const nullifierScope = BigInt(request.campaign.scope);
  const trusted = params.trustedIssuers ? new Set(params.trustedIssuers) : undefined;
  const predicates: string[] = [];
  const issuerKeyHashes: string[] = [];
  const pseudonyms: VerifiedLink['pseudonyms'] = [];
  const seenPseudonyms = new Set<bigint>();
  const { nullifier } = await checkProofBundle({
    // In the request's merchant order; fields name each proof where the bundle has it.
    ...requestedProofs({
      bundle,
      names: 'linkRequest',
      indexOf: (proof) => proof.merchantIndex,
      request: { id: request.id, hash, entries: request.merchants.length },
    }),
    verificationKey: params.verificationKey,
    bindingOf: async (entry) => {
      const { field } = entry;
      const merchant = request.merchants[entry.merchantIndex];
      if (!merchant) throw new InvalidInputError('Unknown merchant index.', { field: `${field}.merchantIndex` });
      const issuerKeyHash = BigInt(entry.issuerKeyHash);
      if (trusted && !trusted.has(issuerKeyHash)) {
        throw new IssuerNotTrustedError(
          'The carrier credential was signed by an issuer this campaign does not accept.',
          { field: `${field}.issuerKeyHash` },
        );
      }
      const requested = { attribute: merchant.attribute, op: 'exists' } as const;
      const predicate = await resolvePredicate(requested, `request.merchants[${entry.merchantIndex}].attribute`);
      const merchantScope = BigInt(merchant.scope);
      const pseudonym = BigInt(entry.pseudonym);
      if (seenPseudonyms.has(pseudonym)) {
        throw new ProofMismatchError('Two merchants cannot share one pseudonym.', { field: `${field}.pseudonym` });
      }
      seenPseudonyms.add(pseudonym);
      pseudonyms.push({ merchant: merchant.address, pseudonym: pseudonym.toString() });
      predicates.push(`${merchant.name}: ${describePredicate(requested)}`);
      issuerKeyHashes.push(issuerKeyHash.toString());
      return {
        statementHash: await statementHashOf(statementOf(predicate, { issuerKeyHash, merchantScope, nullifierScope })),
        contextHash: await contextHashOf({ pseudonym, requestHash: hash }),
      };
    },
    window: proofWindow({ ...params, recipient: bundle.recipient, now, expiresAt: request.expiresAt }),
    messages: {
      statementHash: 'The proof is about another merchant, campaign, attribute or issuer than the link request.',
      contextHash: 'The proof does not bind this pseudonym to this link request.',
      nullifier: 'The proofs come from different holders (different campaign nullifiers).',
      expired: 'The proof was made after the link request expired.',
    },
    ...(params.verifyProofs ? { verifyProofs: params.verifyProofs } : {}),
  });
  return {
    linkRequestId: request.id,
    collaborationId: request.collaborationId,
    campaignId: request.campaign.id,
    linkId: String(nullifier),
    pseudonyms,
    predicates,
    issuerKeyHashes,
    proofHash: linkBundleHash(bundle),
    recipient: getAddress(bundle.recipient),
    invitationToken: request.invitationToken ?? null,
    verifiedAt: now,
  };
}

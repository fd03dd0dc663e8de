// Everything a merchant checks before it believes an answer.
import { getAddress } from 'ethers';
import { InvalidInputError, IssuerNotTrustedError } from '../errors/index.ts';
import { describePredicate, resolvePredicate } from '../protocol/predicate.ts';
import { type ProofBundle, parseProofBundle, proofBundleHash } from '../protocol/proofBundle.ts';
import { contextHashOf, statementHashOf, statementOf } from '../protocol/publicSignals.ts';
import { nullifierScopeOf, requestHash, type SignedRequest } from '../protocol/request.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { requestedProofs } from './checkBundleRequest.ts';
import { proofWindow } from './checkProofBinding.ts';
import { checkProofBundle, type ProofsVerifier } from './checkProofBundle.ts';

const REQUEST_MEMO = new WeakMap<
  object,
  {
    hash: bigint;
    nullifierScope: bigint;
    predicates: Map<number, Awaited<ReturnType<typeof resolvePredicate>>>;
    statements: Map<string, bigint>;
  }
>();

export type VerifiedBundle = {
  requestId: string;
  pseudonym: string;
  nullifier: string;
  nullifierScope: string;
  /** Plain-words predicates that were proven, e.g. "age ≥ 18". */
  predicates: string[];
  issuerKeyHashes: string[];
  proofHash: string;
  recipient: string;
  /** Unix seconds. */
  verifiedAt: number;
};

export type VerifyProofBundleParameters = {
  /** The request as the merchant signed it (from its own store, never from the wallet). */
  signedRequest: SignedRequest;
  /** Untrusted input: parsed here. */
  bundle: unknown;
  verificationKey: VerificationKey;
  /** Issuer key hashes this merchant trusts. */
  trustedIssuers: readonly bigint[];
  /** Unix seconds; default now. */
  now?: number;
  /** How old a proof's `now` may be; default 10 minutes. */
  maxProofAgeSeconds?: number;
  /** How far ahead of our clock a proof's `now` may be; default 2 minutes. */
  maxClockDriftSeconds?: number;
  /**
   * Checks the bundle's Groth16 proofs together, after every other check passed (answers equal to
   * single verification, unreadable input false): the merchant service passes a batcher over
   * createBatchVerifierPool. Default: prepareVerifier, one proof at a time.
   */
  verifyProofs?: ProofsVerifier;
};

/**
 * Parses and checks a proof bundle against the merchant's own request: binding (statementHash
 * recomputed from the request and the issuer the bundle names; contextHash from the bundle's
 * pseudonym and the request hash; recipient and time unpacked), freshness, issuer trust, same
 * holder across proofs, and every Groth16 proof. Does not check the nullifier against past
 * answers: the store does that.
 * @since 0.2.0
 */
export async function verifyProofBundle(params: VerifyProofBundleParameters): Promise<VerifiedBundle> {
  const bundle: ProofBundle = parseProofBundle(params.bundle);
  const request = params.signedRequest.request;
  const now = params.now ?? Math.floor(Date.now() / 1000);
  // Per request (the service hands the same parsed request object each time): its hash, nullifier
  // scope, resolved predicates and statement hashes never change; Poseidon and keccak were ≈ 30 %
  // of the merchant service's event-loop time per answer.
  let memo = REQUEST_MEMO.get(request);
  if (!memo) {
    memo = {
      hash: requestHash(request),
      nullifierScope: nullifierScopeOf(request),
      predicates: new Map(),
      statements: new Map(),
    };
    REQUEST_MEMO.set(request, memo);
  }
  const hash = memo.hash;
  const expectedScope = { merchantScope: BigInt(request.scope), nullifierScope: memo.nullifierScope };
  const trusted = new Set(params.trustedIssuers);
  // Same contextHash in every proof = same pseudonym = same holder secret: nobody can combine
  // credentials of two people.
  const pseudonym = BigInt(bundle.pseudonym);
  const contextHash = await contextHashOf({ pseudonym, requestHash: hash });
  const issuerKeyHashes: string[] = [];

  const { nullifier } = await checkProofBundle({
    verificationKey: params.verificationKey,
    ...(params.verifyProofs ? { verifyProofs: params.verifyProofs } : {}),
    ...requestedProofs({
      bundle,
      names: 'request',
      indexOf: (proof) => proof.predicateIndex,
      request: { id: request.id, hash, entries: request.predicates.length },
    }),
    window: proofWindow({ ...params, recipient: bundle.recipient, now, expiresAt: request.expiresAt }),
    messages: {
      statementHash: 'The proof is about another predicate, issuer or scope than the request.',
      contextHash: 'The proof is bound to another request or holder.',
      nullifier: 'The proofs carry different nullifiers.',
      expired: 'The proof was made after the request expired.',
    },
    bindingOf: async (entry) => {
      const { field } = entry;
      const requested = request.predicates[entry.predicateIndex];
      if (!requested) throw new InvalidInputError('Unknown predicate index.', { field: `${field}.predicateIndex` });
      let predicate = memo.predicates.get(entry.predicateIndex);
      if (!predicate) {
        predicate = await resolvePredicate(requested, `request.predicates[${entry.predicateIndex}]`);
        memo.predicates.set(entry.predicateIndex, predicate);
      }
      const issuerKeyHash = BigInt(entry.issuerKeyHash);
      if (!trusted.has(issuerKeyHash)) {
        throw new IssuerNotTrustedError('The credential was signed by an issuer this merchant does not trust.', {
          field: `${field}.issuerKeyHash`,
        });
      }
      if (predicate.issuers.length > 0 && !predicate.issuers.includes(issuerKeyHash)) {
        throw new IssuerNotTrustedError('The credential issuer is not one this request accepts.', {
          field: `${field}.issuerKeyHash`,
        });
      }
      issuerKeyHashes.push(issuerKeyHash.toString());
      // Attribute, operator, operands, set, issuer and both scopes in one hash.
      const statementKey = `${entry.predicateIndex}:${issuerKeyHash}`;
      let statementHash = memo.statements.get(statementKey);
      if (statementHash === undefined) {
        statementHash = await statementHashOf(statementOf(predicate, { issuerKeyHash, ...expectedScope }));
        memo.statements.set(statementKey, statementHash);
      }
      return { statementHash, contextHash };
    },
  });
  return {
    requestId: request.id,
    pseudonym: String(pseudonym),
    nullifier: String(nullifier),
    nullifierScope: expectedScope.nullifierScope.toString(),
    predicates: request.predicates.map(describePredicate),
    issuerKeyHashes,
    proofHash: proofBundleHash(bundle),
    recipient: getAddress(bundle.recipient),
    verifiedAt: now,
  };
}

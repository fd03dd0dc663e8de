// Everything a merchant checks before it believes an answer.
import { getAddress } from 'ethers';
import { InvalidInputError, IssuerNotTrustedError, ProofInvalidError } from '../errors/index.ts';
import { checkBundleRequest } from '../protocol/checkBundleRequest.ts';
import { checkProofBinding, requireProofsValid } from '../protocol/checkProofBinding.ts';
import { describePredicate, resolvePredicate } from '../protocol/predicate.ts';
import { type ProofBundle, parseProofBundle, proofBundleHash } from '../protocol/proofBundle.ts';
import { contextHashOf, PUBLIC_SIGNAL_COUNT, statementHashOf, statementOf } from '../protocol/publicSignals.ts';
import { nullifierScopeOf, requestHash, type SignedRequest } from '../protocol/request.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { prepareVerifier } from '../zk/prepareVerifier.ts';

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
  verifyProofs?: (items: readonly { proof: unknown; publicSignals: readonly string[] }[]) => Promise<boolean[]>;
};

/**
 * Parses and checks a proof bundle against the merchant's own request: binding (statementHash
 * recomputed from the request and the issuer the bundle names; contextHash from the bundle's
 * pseudonym and the request hash; recipient and time unpacked), freshness, issuer trust, same
 * holder across proofs, and every Groth16 proof. Does not check the nullifier against past
 * answers: the store does that.
 */
export async function verifyProofBundle(params: VerifyProofBundleParameters): Promise<VerifiedBundle> {
  const bundle: ProofBundle = parseProofBundle(params.bundle);
  const keySize = params.verificationKey.nPublic;
  if (keySize !== PUBLIC_SIGNAL_COUNT) {
    throw new ProofInvalidError('The verification key is for another circuit version.', {
      field: 'verificationKey.nPublic',
      details: [`Expected ${PUBLIC_SIGNAL_COUNT} public signals`, `Key has ${String(keySize)}`],
      hint: 'Load the committed key (circuits/build/credential.vkey.json) for this SDK version.',
    });
  }
  const request = params.signedRequest.request;
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const maxAge = params.maxProofAgeSeconds ?? 600;
  const maxDrift = params.maxClockDriftSeconds ?? 120;
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

  checkBundleRequest({
    bundle: {
      id: bundle.requestId,
      hash: bundle.requestHash,
      indexes: bundle.proofs.map((proof) => proof.predicateIndex),
    },
    request: { id: request.id, hash, entries: request.predicates.length },
    fields: { id: 'bundle.requestId', hash: 'bundle.requestHash', proofs: 'bundle.proofs' },
  });
  const recipient = BigInt(getAddress(bundle.recipient));
  const expectedScope = { merchantScope: BigInt(request.scope), nullifierScope: memo.nullifierScope };
  const trusted = new Set(params.trustedIssuers);
  // Same contextHash in every proof = same pseudonym = same holder secret: nobody can combine
  // credentials of two people.
  const pseudonym = BigInt(bundle.pseudonym);
  const contextHash = await contextHashOf({ pseudonym, requestHash: hash });

  let nullifier: bigint | undefined;
  const issuerKeyHashes: string[] = [];
  for (const [position, entry] of bundle.proofs.entries()) {
    const field = `bundle.proofs[${position}]`;
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
    // Attribute, operator, operands, set, issuer and both scopes in one hash.
    const statementKey = `${entry.predicateIndex}:${issuerKeyHash}`;
    let statementHash = memo.statements.get(statementKey);
    if (statementHash === undefined) {
      statementHash = await statementHashOf(statementOf(predicate, { issuerKeyHash, ...expectedScope }));
      memo.statements.set(statementKey, statementHash);
    }
    const signals = checkProofBinding({
      publicSignals: entry.publicSignals,
      field,
      expected: {
        statementHash,
        contextHash,
        nullifier,
        recipient,
        now,
        maxAgeSeconds: maxAge,
        maxDriftSeconds: maxDrift,
        expiresAt: request.expiresAt,
      },
      messages: {
        statementHash: 'The proof is about another predicate, issuer or scope than the request.',
        contextHash: 'The proof is bound to another request or holder.',
        nullifier: 'The proofs carry different nullifiers.',
        expired: 'The proof was made after the request expired.',
      },
    });
    nullifier = signals.nullifier;
    // Prepared once per key object (≈ 6 ms a proof instead of snarkjs' ≈ 20); same answers.
    if (
      !params.verifyProofs &&
      !(await (await prepareVerifier(params.verificationKey)).verify(entry.proof, entry.publicSignals))
    ) {
      throw new ProofInvalidError('The proof does not verify.', { field: `${field}.proof` });
    }
    issuerKeyHashes.push(issuerKeyHash.toString());
  }
  if (params.verifyProofs) await requireProofsValid(bundle.proofs, params.verifyProofs);
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

// Everything a merchant checks before it believes an answer.
import { getAddress } from 'ethers';
import { InvalidInputError, IssuerNotTrustedError, ProofInvalidError, ProofMismatchError } from '../errors/index.ts';
import { describePredicate, resolvePredicate } from '../protocol/predicate.ts';
import { type ProofBundle, parseProofBundle, proofBundleHash } from '../protocol/proofBundle.ts';
import { type PublicSignalName, publicSignalsFromArray } from '../protocol/publicSignals.ts';
import { nullifierScopeOf, requestHash, type SignedRequest } from '../protocol/request.ts';
import type { VerificationKey } from '../zk/groth16.ts';
import { prepareVerifier } from '../zk/prepareVerifier.ts';

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
};

/**
 * Parses and checks a proof bundle against the merchant's own request: binding (request hash,
 * scopes, recipient, operands), freshness, issuer trust, same holder across proofs, and every
 * Groth16 proof. Does not check the nullifier against past answers: the store does that.
 */
export async function verifyProofBundle(params: VerifyProofBundleParameters): Promise<VerifiedBundle> {
  const bundle: ProofBundle = parseProofBundle(params.bundle);
  const request = params.signedRequest.request;
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const maxAge = params.maxProofAgeSeconds ?? 600;
  const maxDrift = params.maxClockDriftSeconds ?? 120;
  const hash = requestHash(request);

  if (bundle.requestId !== request.id) {
    throw new ProofMismatchError('The answer is for another request.', { field: 'bundle.requestId' });
  }
  if (BigInt(bundle.requestHash) !== hash) {
    throw new ProofMismatchError('The answer is bound to another version of this request.', {
      field: 'bundle.requestHash',
    });
  }
  const indexes = bundle.proofs.map((proof) => proof.predicateIndex).sort();
  if (indexes.length !== request.predicates.length || indexes.some((value, index) => value !== index)) {
    throw new InvalidInputError('The answer must hold exactly one proof per requested predicate.', {
      field: 'bundle.proofs',
    });
  }
  const recipient = BigInt(getAddress(bundle.recipient));
  const expectedScope = { merchantScope: BigInt(request.scope), nullifierScope: nullifierScopeOf(request) };
  const trusted = new Set(params.trustedIssuers);

  let pseudonym: bigint | undefined;
  let nullifier: bigint | undefined;
  const issuerKeyHashes: string[] = [];
  for (const [position, entry] of bundle.proofs.entries()) {
    const field = `bundle.proofs[${position}]`;
    const requested = request.predicates[entry.predicateIndex];
    if (!requested) throw new InvalidInputError('Unknown predicate index.', { field: `${field}.predicateIndex` });
    const predicate = await resolvePredicate(requested, `request.predicates[${entry.predicateIndex}]`);
    const signals = publicSignalsFromArray(entry.publicSignals);
    const expect = (name: PublicSignalName, value: bigint) => {
      if (signals[name] !== value) {
        throw new ProofMismatchError(`The proof's ${name} does not match the request.`, {
          field: `${field}.publicSignals.${name}`,
          details: [`Expected ${value}`, `Got ${signals[name]}`],
        });
      }
    };
    expect('attributeId', BigInt(predicate.attribute.code));
    expect('operator', predicate.operatorCode);
    expect('operandA', predicate.operandA);
    expect('operandB', predicate.operandB);
    expect('setHash', predicate.setHash);
    expect('merchantScope', expectedScope.merchantScope);
    expect('nullifierScope', expectedScope.nullifierScope);
    expect('recipient', recipient);
    expect('requestHash', hash);
    const provedAt = Number(signals.now);
    if (provedAt < now - maxAge || provedAt > now + maxDrift) {
      throw new ProofMismatchError('The proof is not recent.', {
        field: `${field}.publicSignals.now`,
        details: [`Proof time ${provedAt}`, `Our time ${now}`],
        hint: 'Prove again; proofs older than the merchant allows are refused to stop replays.',
      });
    }
    if (provedAt >= request.expiresAt) {
      throw new ProofMismatchError('The proof was made after the request expired.', {
        field: `${field}.publicSignals.now`,
      });
    }
    if (!trusted.has(signals.issuerKeyHash)) {
      throw new IssuerNotTrustedError('The credential was signed by an issuer this merchant does not trust.', {
        field: `${field}.publicSignals.issuerKeyHash`,
      });
    }
    if (predicate.issuers.length > 0 && !predicate.issuers.includes(signals.issuerKeyHash)) {
      throw new IssuerNotTrustedError('The credential issuer is not one this request accepts.', {
        field: `${field}.publicSignals.issuerKeyHash`,
      });
    }
    // Same pseudonym = same holder secret: nobody can combine credentials of two people.
    if (pseudonym !== undefined && signals.pseudonym !== pseudonym) {
      throw new ProofMismatchError('The proofs come from different holders.', {
        field: `${field}.publicSignals.pseudonym`,
      });
    }
    if (nullifier !== undefined && signals.nullifier !== nullifier) {
      throw new ProofMismatchError('The proofs carry different nullifiers.', {
        field: `${field}.publicSignals.nullifier`,
      });
    }
    pseudonym = signals.pseudonym;
    nullifier = signals.nullifier;
    // Prepared once per key object (≈ 6 ms a proof instead of snarkjs' ≈ 20); same answers.
    if (!(await (await prepareVerifier(params.verificationKey)).verify(entry.proof, entry.publicSignals))) {
      throw new ProofInvalidError('The proof does not verify.', { field: `${field}.proof` });
    }
    issuerKeyHashes.push(signals.issuerKeyHash.toString());
  }
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

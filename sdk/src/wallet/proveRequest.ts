// Answers a signed request with one proof per predicate.
import { getAddress } from 'ethers';
import { PredicateNotSatisfiedError } from '../errors/index.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { predicateHolds } from '../protocol/operators.ts';
import { type ResolvedPredicate, resolvePredicate } from '../protocol/predicate.ts';
import type { ProofBundle } from '../protocol/proofBundle.ts';
import { pseudonymOf } from '../protocol/publicSignals.ts';
import {
  assertRequestFresh,
  assertRequestSignature,
  nullifierScopeOf,
  parseSignedRequest,
  requestHash,
  type SignedRequest,
} from '../protocol/request.ts';
import type { ProvingArtifacts } from '../zk/groth16.ts';
import { provePredicate } from './provePredicate.ts';

export type ProveRequestParameters = {
  /** Checked here: schema, signature, expiry. */
  signedRequest: SignedRequest;
  credentials: readonly AttributeCredential[];
  holderSecret: bigint;
  /** Who receives the reward; bound inside every proof. */
  recipient: string;
  artifacts: ProvingArtifacts;
  /** Unix seconds; default now. */
  now?: number;
  /** Called before each proof: (done, total). */
  onProgress?: (done: number, total: number) => void;
};

/**
 * Checks the request (signature, expiry), picks a credential for each predicate and proves it.
 * @example const bundle = await proveRequest({ signedRequest, credentials, holderSecret, recipient, artifacts });
 */
export async function proveRequest(params: ProveRequestParameters): Promise<ProofBundle> {
  const { holderSecret, artifacts } = params;
  // Parsed again here: the schema's rules (a scope that is the merchant's own address among them)
  // hold for whatever the caller hands in.
  const signedRequest = parseSignedRequest(params.signedRequest);
  const request = signedRequest.request;
  const now = params.now ?? Math.floor(Date.now() / 1000);
  assertRequestSignature(signedRequest);
  assertRequestFresh(request, now);
  const recipient = getAddress(params.recipient);
  const hash = requestHash(request);
  const context = {
    now,
    merchantScope: BigInt(request.scope),
    nullifierScope: nullifierScopeOf(request),
    recipient: BigInt(recipient),
    requestHash: hash,
  };
  const pseudonym = await pseudonymOf({ holderSecret, merchantScope: context.merchantScope });
  const proofs: ProofBundle['proofs'] = [];
  for (const [index, requested] of request.predicates.entries()) {
    params.onProgress?.(index, request.predicates.length);
    const field = `request.predicates[${index}]`;
    const predicate = await resolvePredicate(requested, field);
    const credential = pickCredential(params.credentials, predicate, now, field);
    const { issuerKeyHash, proof, publicSignals } = await provePredicate({
      credential,
      holderSecret,
      predicate,
      context,
      artifacts,
      field,
    });
    proofs.push({ predicateIndex: index, issuerKeyHash: issuerKeyHash.toString(), proof, publicSignals });
  }
  params.onProgress?.(request.predicates.length, request.predicates.length);
  return {
    version: 2,
    requestId: request.id,
    requestHash: hash.toString(),
    recipient,
    pseudonym: pseudonym.toString(),
    proofs,
  };
}

/** The first valid credential from an accepted issuer that satisfies the predicate. */
export function pickCredential(
  credentials: readonly AttributeCredential[],
  predicate: ResolvedPredicate,
  now: number,
  field: string,
): AttributeCredential {
  const candidates = credentials.filter(
    (credential) =>
      credential.decdp.attributeCode === predicate.attribute.code &&
      credential.decdp.issuedAt <= now &&
      now < credential.decdp.expiresAt &&
      (predicate.issuers.length === 0 || predicate.issuers.includes(BigInt(credential.issuer.keyHash))),
  );
  const match = candidates.find((credential) =>
    predicateHolds(predicate.op, BigInt(credential.decdp.encodedValue), {
      a: predicate.operandA,
      b: predicate.operandB,
      set: predicate.set,
    }),
  );
  if (match) return match;
  throw new PredicateNotSatisfiedError(
    candidates.length === 0
      ? `You have no valid ${predicate.attribute.label} credential from an issuer this merchant accepts.`
      : `Your ${predicate.attribute.label} does not meet this request.`,
    { field },
  );
}

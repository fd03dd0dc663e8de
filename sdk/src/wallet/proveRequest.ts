// Answers a signed request with one proof per predicate.
import { getAddress } from 'ethers';
import { proveFromCredentials } from '../proof/proveFromCredentials.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { resolvePredicate } from '../protocol/predicate.ts';
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
 * @since 0.2.0
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
    const { issuerKeyHash, proof, publicSignals } = await proveFromCredentials({
      credentials: params.credentials,
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
    version: 3,
    requestId: request.id,
    requestHash: hash.toString(),
    recipient,
    pseudonym: pseudonym.toString(),
    proofs,
  };
}

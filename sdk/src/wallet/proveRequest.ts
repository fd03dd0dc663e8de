// Answers a signed request with one proof per predicate.
import { getAddress } from 'ethers';
import { PredicateNotSatisfiedError, ProofMismatchError } from '../errors/index.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { predicateHolds } from '../protocol/operators.ts';
import { type ResolvedPredicate, resolvePredicate } from '../protocol/predicate.ts';
import type { ProofBundle } from '../protocol/proofBundle.ts';
import {
  contextHashOf,
  PUBLIC_SIGNAL_COUNT,
  packRecipientAndTime,
  pseudonymOf,
  SIGNAL_INDEX,
  statementHashOf,
  statementOf,
} from '../protocol/publicSignals.ts';
import {
  assertRequestFresh,
  assertRequestSignature,
  nullifierScopeOf,
  requestHash,
  type SignedRequest,
} from '../protocol/request.ts';
import { type ProvingArtifacts, proveGroth16 } from '../zk/groth16.ts';
import { poseidonHash } from '../zk/poseidon.ts';
import { buildPredicateWitness } from './buildPredicateWitness.ts';

export type ProveRequestParameters = {
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
  const { signedRequest, holderSecret, artifacts } = params;
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
  // The same for every proof of the bundle: what the circuit must output, checked below.
  const expected = {
    recipientAndTime: packRecipientAndTime({ recipient: context.recipient, now }),
    contextHash: await contextHashOf({ pseudonym, requestHash: hash }),
  };
  const proofs: ProofBundle['proofs'] = [];
  for (const [index, requested] of request.predicates.entries()) {
    params.onProgress?.(index, request.predicates.length);
    const field = `request.predicates[${index}]`;
    const predicate = await resolvePredicate(requested, field);
    const credential = pickCredential(params.credentials, predicate, now, field);
    const input = buildPredicateWitness({ credential, holderSecret, predicate, context, field });
    const { proof, publicSignals } = await proveGroth16(input, artifacts);
    const { x, y } = credential.issuer.publicKey;
    const issuerKeyHash = await poseidonHash([BigInt(x), BigInt(y)]); // what the circuit hashes
    // Artifacts of another circuit version would give proofs no merchant accepts: say so here.
    const statementHash = await statementHashOf(statementOf(predicate, { issuerKeyHash, ...context }));
    if (
      publicSignals.length !== PUBLIC_SIGNAL_COUNT ||
      publicSignals[SIGNAL_INDEX.statementHash] !== statementHash.toString() ||
      publicSignals[SIGNAL_INDEX.recipientAndTime] !== expected.recipientAndTime.toString() ||
      publicSignals[SIGNAL_INDEX.contextHash] !== expected.contextHash.toString()
    ) {
      throw new ProofMismatchError('The proving artifacts do not produce this protocol’s public signals.', {
        field,
        details: [`Got ${publicSignals.length} public signals`],
        hint: 'The circuit artifacts are for another circuit version; reload them (npm run build:circuits).',
      });
    }
    proofs.push({
      predicateIndex: index,
      issuerKeyHash: issuerKeyHash.toString(),
      proof: {
        pi_a: proof.pi_a,
        pi_b: proof.pi_b,
        pi_c: proof.pi_c,
        protocol: 'groth16',
        curve: 'bn128',
      },
      publicSignals,
    });
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

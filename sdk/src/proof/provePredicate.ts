// One predicate proved over one credential: the circuit input, the Groth16 proof, and a check that
// the circuit produced this protocol's public signals for this context. Artifacts of another
// circuit version would otherwise give proofs that no verifier accepts, found far from here. Every
// prover of the SDK goes through it: answers, campaign claims, revocations, links, mask admissions.
import { ProofMismatchError } from '../errors/index.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import type { ResolvedPredicate } from '../protocol/predicate.ts';
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
import { type ProvingArtifacts, proveGroth16 } from '../zk/groth16.ts';
import { poseidonHash } from '../zk/poseidon.ts';
import { buildPredicateWitness, type PredicateContext } from './buildPredicateWitness.ts';

export type ProvedPredicate = {
  /** Poseidon(Ax, Ay) of the credential's issuer key, as the circuit hashes it. */
  issuerKeyHash: bigint;
  proof: ProofBundle['proofs'][number]['proof'];
  publicSignals: string[];
};

/**
 * @example
 * const { issuerKeyHash, proof, publicSignals } = await provePredicate({ credential, holderSecret, predicate, context, artifacts, field });
 * @since 0.2.0
 */
export async function provePredicate(params: {
  credential: AttributeCredential;
  holderSecret: bigint;
  predicate: ResolvedPredicate;
  context: PredicateContext;
  artifacts: ProvingArtifacts;
  /** Where the predicate stands in the caller's input, for errors. */
  field: string;
}): Promise<ProvedPredicate> {
  const { credential, holderSecret, predicate, context, field } = params;
  const input = buildPredicateWitness({ credential, holderSecret, predicate, context, field });
  const { proof, publicSignals } = await proveGroth16(input, params.artifacts);
  const { x, y } = credential.issuer.publicKey;
  const issuerKeyHash = await poseidonHash([BigInt(x), BigInt(y)]);
  const pseudonym = await pseudonymOf({ holderSecret, merchantScope: context.merchantScope });
  const expected: [number, bigint][] = [
    [SIGNAL_INDEX.statementHash, await statementHashOf(statementOf(predicate, { issuerKeyHash, ...context }))],
    [SIGNAL_INDEX.recipientAndTime, packRecipientAndTime({ recipient: context.recipient, now: context.now })],
    [SIGNAL_INDEX.contextHash, await contextHashOf({ pseudonym, requestHash: context.requestHash })],
  ];
  if (
    publicSignals.length !== PUBLIC_SIGNAL_COUNT ||
    expected.some(([index, value]) => publicSignals[index] !== value.toString())
  ) {
    throw new ProofMismatchError('The proving artifacts do not produce this protocol’s public signals.', {
      field,
      details: [`Got ${publicSignals.length} public signals`],
      hint: 'The circuit artifacts are for another circuit version; reload them (npm run build:circuits).',
    });
  }
  return {
    issuerKeyHash,
    proof: { pi_a: proof.pi_a, pi_b: proof.pi_b, pi_c: proof.pi_c, protocol: 'groth16', curve: 'bn128' },
    publicSignals,
  };
}

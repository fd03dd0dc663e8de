// A fresh claim proof for the campaign a request names in `reward`: one proof of the campaign's
// predicate with the campaign's scope as nullifier scope, the request's scope as merchant scope
// and the person's own recipient, made now. A merchant relays it with POST /claims at any time
// the pool accepts it (the proof time within its window), not only while the answer is fresh; the
// nullifier is the answer's, so the pool still pays it once.
import { getAddress } from 'ethers';
import { InvalidInputError, PredicateNotSatisfiedError, ProofMismatchError } from '../errors/index.ts';
import { pickCredential } from '../proof/pickCredential.ts';
import { provePredicate } from '../proof/provePredicate.ts';
import type { AttributeCredential } from '../protocol/credential.ts';
import { resolvePredicate } from '../protocol/predicate.ts';
import type { ProofBundle } from '../protocol/proofBundle.ts';
import { statementHashOf, statementOf } from '../protocol/publicSignals.ts';
import { assertRequestSignature, requestHash, type SignedRequest } from '../protocol/request.ts';
import type { ProvingArtifacts } from '../zk/groth16.ts';
import { poseidonHash } from '../zk/poseidon.ts';

export type ProveCampaignClaimParameters = {
  /** The request whose `reward` names the campaign (kept in the pod; it may have expired since). */
  signedRequest: SignedRequest;
  credentials: readonly AttributeCredential[];
  holderSecret: bigint;
  /** Who receives the reward; bound inside the proof. */
  recipient: string;
  artifacts: ProvingArtifacts;
  /**
   * True when the campaign pays for this statement hash (readCampaignStatement on the pool): picks
   * which of the request's predicates is the campaign's, before anything is proved.
   */
  isCampaignStatement: (statementHash: bigint) => Promise<boolean>;
  /** Unix seconds; default now. */
  now?: number;
};

/** The body of POST /claims. */
export type CampaignClaim = {
  campaignId: string;
  proof: ProofBundle['proofs'][number]['proof'];
  publicSignals: string[];
};

/**
 * @example
 * const claim = await proveCampaignClaim({ signedRequest, credentials, holderSecret, recipient, artifacts,
 *   isCampaignStatement: async (statementHash) => !!(await readCampaignStatement({ runner, pool, campaignId, statementHash })) });
 * @since 0.2.0
 */
export async function proveCampaignClaim(params: ProveCampaignClaimParameters): Promise<CampaignClaim> {
  const { signedRequest, holderSecret } = params;
  const request = signedRequest.request;
  const reward = request.reward;
  if (!reward) throw new InvalidInputError('This request pays no reward.', { field: 'request.reward' });
  assertRequestSignature(signedRequest);
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const context = {
    now,
    merchantScope: BigInt(request.scope),
    nullifierScope: BigInt(reward.scope),
    recipient: BigInt(getAddress(params.recipient)),
    requestHash: requestHash(request),
  };
  for (const [index, requested] of request.predicates.entries()) {
    const field = `request.predicates[${index}]`;
    const predicate = await resolvePredicate(requested, field);
    let credential: AttributeCredential;
    try {
      credential = pickCredential(params.credentials, predicate, now, field);
    } catch (error) {
      if (error instanceof PredicateNotSatisfiedError) continue;
      throw error;
    }
    const { x, y } = credential.issuer.publicKey;
    const issuerKeyHash = await poseidonHash([BigInt(x), BigInt(y)]);
    const statementHash = await statementHashOf(statementOf(predicate, { issuerKeyHash, ...context }));
    if (!(await params.isCampaignStatement(statementHash))) continue;
    const { proof, publicSignals } = await provePredicate({
      credential,
      holderSecret,
      predicate,
      context,
      artifacts: params.artifacts,
      field,
    });
    return {
      campaignId: reward.campaignId,
      proof,
      publicSignals,
    };
  }
  throw new ProofMismatchError(`None of your credentials proves what campaign ${reward.campaignId} pays for.`, {
    field: 'request.reward.campaignId',
    hint: 'The campaign may accept other issuers, or your credential expired since the answer.',
  });
}

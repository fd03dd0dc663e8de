import { getBytes, hexlify, randomBytes, type Signer } from 'ethers';
import { InvalidInputError } from '../errors/index.ts';
import { parseWith } from '../protocol/parse.ts';
import { isVacuousPredicate, resolvePredicate } from '../protocol/predicate.ts';
import {
  type AttributeRequest,
  type RequestPredicate,
  requestDigest,
  requestSchema,
  type SignedRequest,
} from '../protocol/request.ts';

export type CreateRequestParameters = {
  /** The merchant's Ethereum key; its address names the merchant and is the default pseudonym scope. */
  signer: Signer;
  merchant: { name: string; requestEndpoint: string };
  predicates: RequestPredicate[];
  purpose: { code: string; text: string };
  retentionDays: number;
  reward?: AttributeRequest['reward'];
  /** Default: a random id. */
  id?: string;
  /** How long the person has to answer, in seconds; default one day. */
  ttlSeconds?: number;
  /** Unix seconds; default now. */
  now?: number;
};

/**
 * Builds, checks and signs an attribute request (EIP-191 over its canonical digest).
 * @example
 * const signed = await createRequest({ signer: wallet, merchant: { name: 'Bike Shop', requestEndpoint },
 *   predicates: [{ attribute: 'age', op: 'gte', value: 18 }],
 *   purpose: { code: 'age-check', text: 'Sell e-bikes only to adults' }, retentionDays: 30 });
 * @since 0.2.0
 */
export async function createRequest(params: CreateRequestParameters): Promise<SignedRequest> {
  const address = await params.signer.getAddress();
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const request = parseWith(
    requestSchema,
    {
      version: 1,
      id: params.id ?? hexlify(randomBytes(12)).slice(2),
      merchant: { ...params.merchant, address },
      scope: BigInt(address).toString(),
      predicates: params.predicates,
      purpose: params.purpose,
      retentionDays: params.retentionDays,
      ...(params.reward ? { reward: params.reward } : {}),
      issuedAt: now,
      expiresAt: now + (params.ttlSeconds ?? 86_400),
      nonce: hexlify(randomBytes(16)),
    },
    'request',
  );
  // Fail here, at the merchant, on predicates the circuit cannot answer, and on rewards for
  // statements that hold for every holder (a campaign paying for "has a credential").
  for (const [index, predicate] of request.predicates.entries()) {
    const resolved = await resolvePredicate(predicate, `request.predicates[${index}]`);
    if (request.reward && isVacuousPredicate(resolved)) {
      throw new InvalidInputError(`request.predicates[${index}] holds for every holder; a reward cannot pay for it.`, {
        field: `request.predicates[${index}]`,
        hint: 'Reward a statement that says something (e.g. age ≥ 18), not exists or ≥ 0.',
      });
    }
  }
  const signature = await params.signer.signMessage(getBytes(requestDigest(request)));
  return { request, signature };
}

// The merchant's side of a new request (POST /requests): parse the body, add the campaign's
// predicate to a rewarded request (its proof is what the pool pays for), sign, and keep it.
import type { Signer } from 'ethers';
import { z } from 'zod';
import { InvalidInputError } from '../errors/index.ts';
import { canonicalJson } from '../protocol/canonicalJson.ts';
import { parseWith } from '../protocol/parse.ts';
import { predicateSchema, type SignedRequest } from '../protocol/request.ts';
import type { MerchantStore } from '../store/merchantStore.ts';
import { createRequest } from './createRequest.ts';
import type { AnswerRewards } from './handleAnswer.ts';

export const newRequestBodySchema = z
  .object({
    predicates: z.array(predicateSchema).min(1).max(8),
    purpose: z.object({ code: z.string().min(1).max(40), text: z.string().min(1).max(500) }).strict(),
    retentionDays: z.number().int().min(1).max(3650),
    reward: z.boolean().optional(),
    ttlSeconds: z
      .number()
      .int()
      .min(60)
      .max(90 * 86_400)
      .optional(),
  })
  .strict();

export type HandleNewRequestParameters = {
  /** Untrusted JSON as the merchant's page sent it; parsed here. */
  body: unknown;
  signer: Signer;
  merchant: { name: string; requestEndpoint: string };
  store: MerchantStore;
  /** The merchant's campaign, if any: `reward: true` asks for it. */
  rewards?: Pick<AnswerRewards, 'campaign' | 'predicate'>;
  /** Unix seconds. */
  now: number;
};

/**
 * @example
 * const signed = await handleNewRequest({ body, signer, merchant: { name, requestEndpoint }, store, now });
 * @since 0.2.0
 */
export async function handleNewRequest(params: HandleNewRequestParameters): Promise<SignedRequest> {
  const body = parseWith(newRequestBodySchema, params.body, 'body');
  if (body.reward && !params.rewards) {
    throw new InvalidInputError('This merchant has no reward campaign.', { field: 'body.reward' });
  }
  const rewarded = body.reward ? params.rewards : undefined;
  const campaignPredicate = rewarded ? canonicalJson(rewarded.predicate) : undefined;
  const predicates =
    rewarded && !body.predicates.some((predicate) => canonicalJson(predicate) === campaignPredicate)
      ? [rewarded.predicate, ...body.predicates]
      : body.predicates;
  const signed = await createRequest({
    signer: params.signer,
    merchant: params.merchant,
    predicates,
    purpose: body.purpose,
    retentionDays: body.retentionDays,
    ...(rewarded ? { reward: rewarded.campaign } : {}),
    ...(body.ttlSeconds ? { ttlSeconds: body.ttlSeconds } : {}),
    now: params.now,
  });
  await params.store.saveRequest(signed);
  return signed;
}

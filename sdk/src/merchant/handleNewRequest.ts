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
    /** Pays from this campaign of the merchant's (one of GET /campaigns); `reward: true` takes the default one. */
    campaignId: z
      .string()
      .regex(/^\d{1,78}$/, 'must be a decimal campaign id')
      .optional(),
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
  /**
   * The merchant's campaign, if any (`reward: true` asks for it), or a lookup of its campaigns by id
   * (`campaignId` in the body; undefined for the default one).
   */
  rewards?:
    | Pick<AnswerRewards, 'campaign' | 'predicate'>
    | ((campaignId: string | undefined) => Promise<Pick<AnswerRewards, 'campaign' | 'predicate'> | undefined>);
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
  let rewarded: Pick<AnswerRewards, 'campaign' | 'predicate'> | undefined;
  if (body.reward || body.campaignId !== undefined) {
    const { rewards } = params;
    rewarded =
      typeof rewards === 'function'
        ? await rewards(body.campaignId)
        : body.campaignId === undefined || body.campaignId === rewards?.campaign.campaignId
          ? rewards
          : undefined;
    if (!rewarded) {
      throw body.campaignId === undefined
        ? new InvalidInputError('This merchant has no reward campaign.', { field: 'body.reward' })
        : new InvalidInputError(`This merchant pays from no open campaign ${body.campaignId}.`, {
            field: 'body.campaignId',
            hint: 'GET /campaigns lists them.',
          });
    }
  }
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

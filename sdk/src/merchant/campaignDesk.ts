// The merchant's campaigns (POST/GET /campaigns…, `decdp-merchant campaigns`): create and fund one,
// top it up, pause, resume, close (ends now, the unspent budget back at once), list them with
// their money as the chain has it. Amounts go in and out in tokens ("12.5"), never base units: the
// units the wallet shows. A service serves any number of campaigns: each one it created (kept in
// its store) or was configured with can pay a request's reward and be claimed at POST /claims.
import { formatUnits, type Provider, parseUnits, type Signer } from 'ethers';
import { z } from 'zod';
import {
  closeCampaign,
  createCampaign,
  pauseCampaign,
  poolInterface,
  readCampaign,
  topUpCampaign,
  unpauseCampaign,
  withdrawCampaign,
} from '../chain/campaigns.ts';
import { connectRewardPool, connectRewardToken } from '../chain/contracts.generated.ts';
import { InvalidInputError, NotFoundError } from '../errors/index.ts';
import { tokenAmount } from '../protocol/fields.ts';
import { parseWith } from '../protocol/parse.ts';
import { describePredicate, resolvePredicate } from '../protocol/predicate.ts';
import { predicateSchema, type RequestPredicate } from '../protocol/request.ts';
import type { KeptCampaign, MerchantStore } from '../store/merchantStore.ts';
import type { RewardCampaign } from './handleAnswer.ts';

export const newCampaignBodySchema = z
  .object({
    /** What the campaign pays for, e.g. { attribute: 'age', op: 'gte', value: 18 }. */
    predicate: predicateSchema,
    /** Tokens per answer. */
    rewardPerAnswer: tokenAmount,
    /** Tokens put in now. */
    budget: tokenAmount,
    /** How long it pays, from now. */
    days: z.number().int().min(1).max(365),
  })
  .strict();
export const topUpBodySchema = z.object({ amount: tokenAmount }).strict();
const campaignIdSchema = z.string().regex(/^\d{1,78}$/, 'must be a decimal campaign id');

/** A campaign as the merchant's page and CLI show it: amounts in tokens. */
export type CampaignView = {
  campaignId: string;
  /** The predicate it pays for, in words ("age ≥ 18"), and as given. */
  pays: string;
  predicate: RequestPredicate;
  status: 'paying' | 'paused' | 'not started' | 'ended' | 'closed';
  /** Tokens. */
  rewardPerAnswer: string;
  remaining: string;
  paid: string;
  answersPaid: number;
  /** Unix seconds. */
  start: number;
  end: number;
  closedAt: number | null;
  token: { address: string; symbol: string; decimals: number };
  /** The campaign the service's configuration names (pays `reward: true` requests by default). */
  configured: boolean;
};

export type CampaignDesk = {
  create(body: unknown): Promise<CampaignView>;
  topUp(campaignId: string, body: unknown): Promise<CampaignView & { txHash: string }>;
  pause(campaignId: string): Promise<CampaignView & { txHash: string }>;
  resume(campaignId: string): Promise<CampaignView & { txHash: string }>;
  /** Ends the campaign now (or, once ended, takes back what is left): `withdrawn` in tokens. */
  close(campaignId: string): Promise<CampaignView & { txHash: string; withdrawn: string }>;
  list(): Promise<CampaignView[]>;
  /** Every campaign the service pays from (the configured one first), closed ones too: no chain call. */
  served(): Promise<KeptCampaign[]>;
};

export type CampaignDeskParameters = {
  store: MerchantStore;
  /** The merchant's key on a provider, with a nonce manager shared with the claim relay. */
  signer: Signer;
  provider: Provider;
  pool: string;
  chainId: number;
  /** Issuer key hashes a new campaign accepts: the ones the merchant trusts now. */
  issuers: () => readonly bigint[];
  /** The configured campaign (decdp-merchant serve --campaign, npm start), if any. */
  configured?: { campaign: RewardCampaign; predicate: RequestPredicate };
  /** Unix seconds. */
  now: () => number;
};

/**
 * @example
 * const desk = createCampaignDesk({ store, signer, provider, pool, chainId, issuers: () => trusted, now });
 * await desk.create({ predicate: { attribute: 'age', op: 'gte', value: 18 }, rewardPerAnswer: '5', budget: '100', days: 30 });
 * @since 0.2.0
 */
export function createCampaignDesk(params: CampaignDeskParameters): CampaignDesk {
  const { store, pool } = params;
  const tokenInfo = new Map<string, Promise<{ symbol: string; decimals: number }>>();
  const tokenOf = (address: string) => {
    let info = tokenInfo.get(address);
    if (!info) {
      const token = connectRewardToken(address, params.provider);
      info = Promise.all([token.symbol(), token.decimals()]).then(([symbol, decimals]) => ({
        symbol: String(symbol),
        decimals: Number(decimals),
      }));
      tokenInfo.set(address, info);
    }
    return info;
  };

  const ours = async (): Promise<KeptCampaign[]> => {
    const kept = await store.listCampaigns();
    const configured = params.configured;
    if (!configured || kept.some((entry) => entry.campaign.campaignId === configured.campaign.campaignId)) return kept;
    return [{ ...configured, createdAt: 0, closedAt: null }, ...kept];
  };
  const find = async (id: string): Promise<KeptCampaign> => {
    const campaignId = parseWith(campaignIdSchema, id, 'campaignId');
    const kept = (await ours()).find((entry) => entry.campaign.campaignId === campaignId);
    if (!kept) throw new NotFoundError(`This merchant has no campaign ${campaignId}.`, { field: 'campaignId' });
    return kept;
  };

  const view = async (kept: KeptCampaign): Promise<CampaignView> => {
    const id = BigInt(kept.campaign.campaignId);
    const [state, logs, chainNow] = await Promise.all([
      readCampaign({ runner: params.provider, pool, campaignId: id }),
      params.provider.getLogs({
        address: pool,
        topics: poolInterface.encodeFilterTopics('Claimed', [id]),
        fromBlock: 0,
      }),
      params.provider.getBlock('latest').then((block) => block?.timestamp ?? params.now()),
    ]);
    const token = await tokenOf(state.token);
    const paid = logs.reduce((sum, log) => sum + BigInt(poolInterface.parseLog(log)?.args.amount ?? 0n), 0n);
    const status: CampaignView['status'] =
      kept.closedAt !== null
        ? 'closed'
        : chainNow >= state.end
          ? 'ended'
          : state.paused
            ? 'paused'
            : chainNow < state.start
              ? 'not started'
              : 'paying';
    return {
      campaignId: kept.campaign.campaignId,
      pays: describePredicate(kept.predicate),
      predicate: kept.predicate,
      status,
      rewardPerAnswer: formatUnits(state.rewardPerClaim, token.decimals),
      remaining: formatUnits(state.remaining, token.decimals),
      paid: formatUnits(paid, token.decimals),
      answersPaid: logs.length,
      start: state.start,
      end: state.end,
      closedAt: kept.closedAt,
      token: { address: state.token, ...token },
      configured: params.configured?.campaign.campaignId === kept.campaign.campaignId,
    };
  };

  /** Pauses or resumes a kept campaign on-chain (pauseCampaign, unpauseCampaign) and answers its view. */
  const switchPayments = async (id: string, send: typeof pauseCampaign) => {
    const kept = await find(id);
    const { txHash } = await send({ signer: params.signer, pool, campaignId: BigInt(kept.campaign.campaignId) });
    return { ...(await view(kept)), txHash };
  };

  return {
    async create(input) {
      const body = parseWith(newCampaignBodySchema, input, 'body');
      const issuers = [...params.issuers()];
      if (issuers.length === 0) {
        throw new InvalidInputError('This merchant trusts no issuer now: a campaign would pay for nothing.', {
          field: 'issuers',
        });
      }
      const defaultToken = String(await connectRewardPool(pool, params.provider).defaultToken());
      const { decimals } = await tokenOf(defaultToken);
      const amount = (text: string, field: string) => {
        try {
          return parseUnits(text, decimals);
        } catch (cause) {
          throw new InvalidInputError(`Not an amount of this token (${decimals} decimals).`, { field, cause });
        }
      };
      const rewardPerClaim = amount(body.rewardPerAnswer, 'body.rewardPerAnswer');
      const budget = amount(body.budget, 'body.budget');
      if (budget < rewardPerClaim) {
        throw new InvalidInputError('The budget must pay at least one answer.', { field: 'body.budget' });
      }
      const chainNow = (await params.provider.getBlock('latest'))?.timestamp ?? params.now();
      const created = await createCampaign({
        signer: params.signer,
        pool,
        token: defaultToken,
        predicate: await resolvePredicate(body.predicate, 'body.predicate'),
        issuerKeyHashes: issuers.slice(0, 16),
        rewardPerClaim,
        budget,
        start: chainNow - 60,
        end: chainNow + body.days * 86_400,
      });
      const kept: KeptCampaign = {
        campaign: {
          chainId: params.chainId,
          pool,
          campaignId: created.campaignId.toString(),
          scope: created.scope.toString(),
          token: defaultToken,
          amount: rewardPerClaim.toString(),
        },
        predicate: body.predicate,
        createdAt: params.now(),
        closedAt: null,
      };
      await store.saveCampaign(kept);
      return view(kept);
    },
    async topUp(id, input) {
      const kept = await find(id);
      const body = parseWith(topUpBodySchema, input, 'body');
      const { decimals } = await tokenOf(kept.campaign.token);
      const { txHash } = await topUpCampaign({
        signer: params.signer,
        pool,
        campaignId: BigInt(kept.campaign.campaignId),
        amount: parseUnits(body.amount, decimals),
      });
      return { ...(await view(kept)), txHash };
    },
    pause: (id) => switchPayments(id, pauseCampaign),
    resume: (id) => switchPayments(id, unpauseCampaign),
    async close(id) {
      const kept = await find(id);
      const campaignId = BigInt(kept.campaign.campaignId);
      const state = await readCampaign({ runner: params.provider, pool, campaignId });
      const chainNow = (await params.provider.getBlock('latest'))?.timestamp ?? params.now();
      // Before its end the pool ends it now and refunds at once; after it, only the refund is left.
      const result =
        chainNow >= state.end
          ? await withdrawCampaign({ signer: params.signer, pool, campaignId })
          : await closeCampaign({ signer: params.signer, pool, campaignId });
      const txHash = result.txHash;
      const withdrawn = formatUnits(result.amount, (await tokenOf(state.token)).decimals);
      const inStore = (await store.listCampaigns()).some(
        (entry) => entry.campaign.campaignId === kept.campaign.campaignId,
      );
      if (inStore) await store.closeCampaign({ campaignId: kept.campaign.campaignId, at: params.now() });
      // The configured campaign is not in the store until it is closed: kept then, closed.
      else await store.saveCampaign({ ...kept, createdAt: params.now(), closedAt: params.now() });
      return { ...(await view(await find(kept.campaign.campaignId))), txHash, withdrawn };
    },
    async list() {
      return Promise.all((await ours()).map(view));
    },
    served: ours,
  };
}

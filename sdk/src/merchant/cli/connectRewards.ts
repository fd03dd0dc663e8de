// What `decdp-merchant serve` needs to pay rewards: the campaigns read from the pool, checked
// against the merchant (the predicate must be the campaign's statement for this merchant's scope
// and one of its trusted issuers, or every rewarded answer would fail on-chain), and one claim
// relay on the relayer's key.
import { getAddress, JsonRpcProvider, NonceManager, Wallet } from 'ethers';
import { readCampaign, readCampaignStatement } from '../../chain/campaigns.ts';
import { InvalidInputError } from '../../errors/index.ts';
import { resolvePredicate } from '../../protocol/predicate.ts';
import { statementHashOf, statementOf } from '../../protocol/publicSignals.ts';
import type { RequestPredicate } from '../../protocol/request.ts';
import { type ClaimRelay, createChainClaimRelay } from '../claimRelay.ts';
import type { RewardCampaign } from '../handleAnswer.ts';

export type RewardsConfig = {
  rpcUrl: string;
  pool: string;
  /** The key that pays gas for the claims (0x hex). */
  relayerKey: string;
  /**
   * Decimal ids; the first pays answers' rewards, all are relayed at POST /claims. None: the
   * service pays only from the campaigns it creates (POST /campaigns).
   */
  campaignIds: readonly string[];
  /** The first campaign's predicate: every rewarded request includes it (with campaignIds only). */
  predicate?: RequestPredicate;
};

export type ConnectedRewards = {
  /** The configured campaign, when campaignIds named one. */
  rewards?: { campaign: RewardCampaign; predicate: RequestPredicate };
  claims: ClaimRelay;
  claimCampaignIds: string[];
  /** The relayer's key with its nonce manager: anything else it sends must go through it. */
  signer: NonceManager;
  provider: JsonRpcProvider;
  chainId: number;
  close(): void;
};

/**
 * @example const { rewards, claims, claimCampaignIds } = await connectRewards({ config, merchant, trustedIssuers });
 * @since 0.2.0
 */
export async function connectRewards(params: {
  config: RewardsConfig;
  /** The merchant's address: its requests' scope. */
  merchant: string;
  trustedIssuers: readonly bigint[];
}): Promise<ConnectedRewards> {
  const { config } = params;
  const provider = new JsonRpcProvider(config.rpcUrl, undefined, { staticNetwork: true });
  try {
    let relayer: Wallet;
    try {
      relayer = new Wallet(config.relayerKey, provider);
    } catch (cause) {
      throw new InvalidInputError('The relayer key is not a valid private key.', { field: 'relayer-key', cause });
    }
    const { chainId } = await provider.getNetwork();
    const signer = new NonceManager(relayer);
    // One relay, one key, one nonce sequence for answers' rewards and POST /claims.
    const claims = createChainClaimRelay({ signer, pool: config.pool });
    const connection = {
      claims,
      claimCampaignIds: [...config.campaignIds],
      signer,
      provider,
      chainId: Number(chainId),
      close: () => provider.destroy(),
    };
    const [first] = config.campaignIds;
    if (!first) return connection;
    if (!config.predicate) {
      throw new InvalidInputError('Name the campaign predicate.', { field: 'campaign-predicate' });
    }
    const state = await readCampaign({ runner: provider, pool: config.pool, campaignId: BigInt(first) });
    const predicate = await resolvePredicate(config.predicate, 'campaign-predicate');
    const paid = await Promise.all(
      params.trustedIssuers.map(async (issuerKeyHash) =>
        readCampaignStatement({
          runner: provider,
          pool: config.pool,
          campaignId: BigInt(first),
          statementHash: await statementHashOf(
            statementOf(predicate, {
              issuerKeyHash,
              merchantScope: BigInt(params.merchant),
              nullifierScope: state.scope,
            }),
          ),
        }),
      ),
    );
    if (!paid.some(Boolean)) {
      throw new InvalidInputError(
        `Campaign ${first} does not pay for this predicate from this merchant with any trusted issuer.`,
        {
          field: 'campaign-predicate',
          hint: 'Give the predicate, merchant key and issuers the campaign was created with.',
        },
      );
    }
    return {
      ...connection,
      rewards: {
        campaign: {
          chainId: Number(chainId),
          pool: getAddress(config.pool),
          campaignId: first,
          scope: state.scope.toString(),
          token: state.token,
          amount: state.rewardPerClaim.toString(),
        },
        predicate: config.predicate,
      },
    };
  } catch (error) {
    provider.destroy();
    throw error;
  }
}

// A real anvil with the contracts deployed, the demo issuer registered and the relayer funded:
// the chain every on-chain integration test starts from, with campaigns for "age ≥ 18".
import { JsonRpcProvider, NonceManager, parseUnits, Wallet } from 'ethers';
import { type Anvil, startAnvil } from '../../scripts/system/startAnvil.ts';
import {
  createCampaign,
  type Deployment,
  deployContracts,
  mintRewardToken,
  registerIssuer,
} from '../../sdk/src/chain/index.ts';
import { resolvePredicate } from '../../sdk/src/protocol/predicate.ts';
import { MERCHANT_PRIVATE_KEY, makeHolder } from '../../sdk/src/testing/demo.ts';

export type Campaign = { campaignId: bigint; scope: bigint };

export const REWARD_PREDICATE = { attribute: 'age', op: 'gte' as const, value: 18 };
export const REWARD = parseUnits('5');

export type RewardChain = {
  anvil: Anvil;
  provider: JsonRpcProvider;
  /** The merchant's key: deploys, funds campaigns, relays claims. */
  relayer: NonceManager;
  deployment: Deployment;
  /** The demo holder, whose issuer is registered. */
  holder: Awaited<ReturnType<typeof makeHolder>>;
  /** The latest block's timestamp. */
  chainNow(): Promise<number>;
  /** A campaign for REWARD_PREDICATE paying REWARD, open from a minute ago for `durationSeconds`. */
  newCampaign(options?: { budget?: bigint; end?: number; durationSeconds?: number }): Promise<Campaign>;
  stop(): Promise<void>;
};

export async function startRewardChain(): Promise<RewardChain> {
  const anvil = await startAnvil();
  const provider = new JsonRpcProvider(anvil.rpcUrl, undefined, { staticNetwork: true, pollingInterval: 50 });
  const relayer = new NonceManager(new Wallet(MERCHANT_PRIVATE_KEY, provider));
  const deployment = await deployContracts({ signer: relayer });
  const holder = await makeHolder();
  await registerIssuer({
    signer: relayer,
    registry: deployment.registry,
    issuerKeyHash: holder.issuer.keyHash,
    publicKey: holder.issuer.publicKey,
    name: 'Demo Bank',
  });
  await mintRewardToken({
    signer: relayer,
    token: deployment.token,
    to: await relayer.getAddress(),
    amount: parseUnits('1000'),
  });
  const chainNow = async () => (await provider.getBlock('latest'))?.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    anvil,
    provider,
    relayer,
    deployment,
    holder,
    chainNow,
    async newCampaign(options = {}) {
      const now = await chainNow();
      return createCampaign({
        signer: relayer,
        pool: deployment.pool,
        predicate: await resolvePredicate(REWARD_PREDICATE, 'predicate'),
        issuerKeyHashes: [holder.issuer.keyHash],
        rewardPerClaim: REWARD,
        budget: options.budget ?? parseUnits('50'),
        start: now - 60,
        end: options.end ?? now + (options.durationSeconds ?? 3600),
      });
    },
    async stop() {
      provider.destroy();
      await anvil.stop();
    },
  };
}

// Campaign actions on RewardPool: fund one, claim from one, read it.
import { Contract, type ContractRunner, Interface, type Signer } from 'ethers';
import type { ResolvedPredicate } from '../protocol/predicate.ts';
import { SIGNAL_INDEX } from '../protocol/publicSignals.ts';
import type { Groth16Proof } from '../zk/groth16.ts';
import { IssuerRegistry, RewardPool, RewardToken } from './contracts.generated.ts';
import { decodeChainError } from './decodeChainError.ts';
import { toSolidityProof } from './toSolidityProof.ts';

const poolInterface = new Interface(RewardPool.abi as never);

export type CreateCampaignParameters = {
  signer: Signer;
  pool: string;
  token: string;
  predicate: ResolvedPredicate;
  issuerKeyHash: bigint;
  rewardPerClaim: bigint;
  budget: bigint;
  /** Unix seconds. */
  start: number;
  end: number;
};

/** Approves the budget and creates a campaign; returns its id and its nullifier scope. */
export async function createCampaign(
  params: CreateCampaignParameters,
): Promise<{ campaignId: bigint; scope: bigint; txHash: string }> {
  const token = new Contract(params.token, RewardToken.abi as never, params.signer);
  const pool = new Contract(params.pool, RewardPool.abi as never, params.signer);
  try {
    await (await token.getFunction('approve')(params.pool, params.budget)).wait();
    const tx = await pool.getFunction('createCampaign')({
      token: params.token,
      rewardPerClaim: params.rewardPerClaim,
      budget: params.budget,
      attributeId: BigInt(params.predicate.attribute.code),
      operator: params.predicate.operatorCode,
      operandA: params.predicate.operandA,
      operandB: params.predicate.operandB,
      setHash: params.predicate.setHash,
      issuerKeyHash: params.issuerKeyHash,
      start: params.start,
      end: params.end,
    });
    const receipt = await tx.wait();
    for (const log of receipt.logs) {
      const parsed = poolInterface.parseLog(log);
      if (parsed?.name === 'CampaignCreated') {
        const campaignId = BigInt(parsed.args.campaignId);
        const campaign = await readCampaign({ runner: params.signer, pool: params.pool, campaignId });
        return { campaignId, scope: campaign.scope, txHash: receipt.hash };
      }
    }
    throw new Error('CampaignCreated event missing');
  } catch (error) {
    throw decodeChainError(error, poolInterface, 'Creating the campaign');
  }
}

export async function readCampaign(params: {
  runner: ContractRunner;
  pool: string;
  campaignId: bigint;
}): Promise<{ scope: bigint; remaining: bigint; rewardPerClaim: bigint }> {
  const pool = new Contract(params.pool, RewardPool.abi as never, params.runner);
  const campaign = await pool.getFunction('campaigns')(params.campaignId);
  return {
    scope: BigInt(campaign.scope),
    remaining: BigInt(campaign.remaining),
    rewardPerClaim: BigInt(campaign.rewardPerClaim),
  };
}

/**
 * Submits a claim. Anyone may send it (a relayer pays the gas); the tokens go to the recipient
 * bound inside the proof.
 */
export async function claimReward(params: {
  signer: Signer;
  pool: string;
  campaignId: bigint;
  proof: Pick<Groth16Proof, 'pi_a' | 'pi_b' | 'pi_c'>;
  publicSignals: readonly string[];
}): Promise<{ txHash: string; gasUsed: bigint; recipient: string }> {
  const pool = new Contract(params.pool, RewardPool.abi as never, params.signer);
  const { a, b, c } = toSolidityProof(params.proof);
  try {
    const claim = pool.getFunction('claim');
    // Simulate first: a refused claim costs no gas, and the revert data names the custom error
    // (a mined revert's receipt carries none).
    await claim.staticCall(params.campaignId, a, b, c, params.publicSignals);
    const tx = await claim(params.campaignId, a, b, c, params.publicSignals);
    const receipt = await tx.wait();
    const recipientSignal = BigInt(params.publicSignals[SIGNAL_INDEX.recipient] ?? 0);
    return {
      txHash: receipt.hash,
      gasUsed: BigInt(receipt.gasUsed),
      recipient: `0x${recipientSignal.toString(16).padStart(40, '0')}`,
    };
  } catch (error) {
    throw decodeChainError(error, poolInterface, 'Claiming the reward');
  }
}

export async function readTokenBalance(params: {
  runner: ContractRunner;
  token: string;
  owner: string;
}): Promise<bigint> {
  const token = new Contract(params.token, RewardToken.abi as never, params.runner);
  return BigInt(await token.getFunction('balanceOf')(params.owner));
}

export async function mintRewardToken(params: {
  signer: Signer;
  token: string;
  to: string;
  amount: bigint;
}): Promise<void> {
  const token = new Contract(params.token, RewardToken.abi as never, params.signer);
  await (await token.getFunction('mint')(params.to, params.amount)).wait();
}

export async function registerIssuer(params: {
  signer: Signer;
  registry: string;
  issuerKeyHash: bigint;
  name: string;
}): Promise<void> {
  const registry = new Contract(params.registry, IssuerRegistry.abi as never, params.signer);
  try {
    await (await registry.getFunction('register')(params.issuerKeyHash, params.name)).wait();
  } catch (error) {
    throw decodeChainError(error, new Interface(IssuerRegistry.abi as never), 'Registering the issuer');
  }
}

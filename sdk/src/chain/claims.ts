// Claims on RewardPool: one proof (claimReward) or up to 16 in one transaction (claimRewardBatch).
// Anyone may send them (a relayer pays the gas); the tokens go to the recipient bound in each proof.
import type { Signer } from 'ethers';
import { recipientOf } from '../protocol/publicSignals.ts';
import type { Groth16Proof } from '../zk/groth16.ts';
import { poolInterface } from './campaigns.ts';
import { connectRewardPool } from './contracts.generated.ts';
import { decodeChainError } from './decodeChainError.ts';
import { mined } from './mined.ts';
import { toSolidityProof } from './toSolidityProof.ts';

export type ClaimInput = {
  campaignId: bigint;
  proof: Pick<Groth16Proof, 'pi_a' | 'pi_b' | 'pi_c'>;
  publicSignals: readonly string[];
};

/** Most claims one claimRewardBatch call takes (RewardPool.MAX_BATCH). */
export const MAX_CLAIM_BATCH = 16;

/**
 * Submits one claim. Simulates first: a refused claim costs no gas and throws a ChainError whose
 * `errorName` is the contract's (NullifierUsed, StatementNotInCampaign, ...) and `code` the DeCDP one.
 */
export async function claimReward(params: ClaimInput & { signer: Signer; pool: string }): Promise<{
  txHash: string;
  gasUsed: bigint;
  recipient: string;
  /** The block the claim was mined in. */
  blockNumber: number;
  /** What the pool paid (its `Claimed` event). */
  amount: bigint;
}> {
  const pool = connectRewardPool(params.pool, params.signer);
  const { a, b, c } = toSolidityProof(params.proof);
  try {
    await pool.claim.staticCall(params.campaignId, a, b, c, params.publicSignals);
    const receipt = await mined(pool.claim(params.campaignId, a, b, c, params.publicSignals));
    let amount = 0n;
    for (const log of receipt.logs) {
      const parsed = poolInterface.parseLog(log);
      if (parsed?.name === 'Claimed') amount = BigInt(parsed.args.amount);
    }
    return {
      txHash: receipt.hash,
      gasUsed: BigInt(receipt.gasUsed),
      recipient: recipientOf(params.publicSignals),
      blockNumber: receipt.blockNumber,
      amount,
    };
  } catch (error) {
    throw decodeChainError(error, poolInterface, 'Claiming the reward');
  }
}

export type BatchClaimResult = {
  txHash: string;
  gasUsed: bigint;
  /** The block the batch was mined in. */
  blockNumber: number;
  /** The claims paid, by index in the input. */
  paid: { index: number; recipient: string; nullifier: bigint; amount: bigint }[];
  /** The claims the pool skipped, with the error claimReward would have raised. */
  rejected: { index: number; errorName: string; detail: bigint }[];
};

/**
 * Submits up to 16 claims in one transaction, verified together (one pairing per proof plus three).
 * A claim that breaks a rule (used nullifier, paused campaign, stale proof...) is skipped and
 * reported in `rejected`; the others are paid. If any proof is invalid the whole batch is refused
 * (InvalidProof): verify the proofs off-chain before batching.
 */
export async function claimRewardBatch(params: {
  signer: Signer;
  pool: string;
  claims: readonly ClaimInput[];
}): Promise<BatchClaimResult> {
  const pool = connectRewardPool(params.pool, params.signer);
  const ids = params.claims.map((claim) => claim.campaignId);
  const proofs = params.claims.map((claim) => {
    const { a, b, c } = toSolidityProof(claim.proof);
    return { a, b, c, signals: claim.publicSignals };
  });
  try {
    await pool.claimBatch.staticCall(ids, proofs);
    const receipt = await mined(pool.claimBatch(ids, proofs));
    const result: BatchClaimResult = {
      txHash: receipt.hash,
      gasUsed: BigInt(receipt.gasUsed),
      blockNumber: receipt.blockNumber,
      paid: [],
      rejected: [],
    };
    const nullifierIndex = new Map<string, number>();
    params.claims.forEach((claim, index) => {
      nullifierIndex.set(`${claim.campaignId}:${BigInt(claim.publicSignals[1] ?? 0)}`, index);
    });
    for (const log of receipt.logs) {
      const parsed = poolInterface.parseLog(log);
      if (parsed?.name === 'ClaimRejected') {
        const error = poolInterface.getError(parsed.args.reason as string);
        result.rejected.push({
          index: Number(parsed.args.index),
          errorName: error?.name ?? String(parsed.args.reason),
          detail: BigInt(parsed.args.detail),
        });
      } else if (parsed?.name === 'Claimed') {
        const nullifier = BigInt(parsed.args.nullifier);
        result.paid.push({
          index: nullifierIndex.get(`${BigInt(parsed.args.campaignId)}:${nullifier}`) ?? -1,
          recipient: String(parsed.args.recipient).toLowerCase(),
          nullifier,
          amount: BigInt(parsed.args.amount),
        });
      }
    }
    return result;
  } catch (error) {
    throw decodeChainError(error, poolInterface, 'Claiming the batch');
  }
}

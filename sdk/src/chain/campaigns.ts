// Campaign actions on RewardPool: create and fund one, top it up, pause, unpause, withdraw what is
// left after the end, read it. Claims are in claims.ts.
import {
  type BaseContractMethod,
  type ContractMethodArgs,
  type ContractRunner,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  hexlify,
  Interface,
  randomBytes,
  type Signer,
} from 'ethers';
import { ChainError, InvalidInputError } from '../errors/index.ts';
import { isVacuousPredicate, type ResolvedPredicate } from '../protocol/predicate.ts';
import { statementHashOf, statementOf } from '../protocol/publicSignals.ts';
import { connectRewardPool, connectRewardToken, RewardPool, RewardToken } from './contracts.generated.ts';
import { decodeChainError } from './decodeChainError.ts';
import { mined } from './mined.ts';

export const poolInterface = new Interface(RewardPool.abi as never);
export const tokenInterface = new Interface(RewardToken.abi as never);
const poolAndToken = [poolInterface, tokenInterface];

export type CreateCampaignParameters = {
  signer: Signer;
  pool: string;
  /** ERC-20 the rewards are paid in; default: the pool's default (project) token. */
  token?: string;
  predicate: ResolvedPredicate;
  /** Issuers whose credentials count (one statement each); each must be trusted at claim time. */
  issuerKeyHashes: readonly bigint[];
  /** The requests' `scope` (pseudonym domain); default: the signer's address, as createRequest uses. */
  merchantScope?: bigint;
  rewardPerClaim: bigint;
  budget: bigint;
  /** Unix seconds. */
  start: number;
  end: number;
  /** 32 bytes (0x hex); with the signer's address it fixes the nullifier scope. Default: random. */
  salt?: string;
  /** Emitted in CampaignCreated for auditors; default: JSON naming the predicate and issuers. */
  metadata?: string;
};

export type CreatedCampaign = {
  campaignId: bigint;
  /** The nullifier scope proofs for this campaign bind (a request's `reward.scope`). */
  scope: bigint;
  /** One per issuer, in the order given. */
  statementHashes: bigint[];
  txHash: string;
  gasUsed: bigint;
};

/**
 * Approves the budget and creates a campaign paying for `predicate` proven from any of the issuers.
 * The pool computes the statement hashes itself (over the signer's own nullifier scope); this
 * computes them too and checks they agree. A predicate every holder satisfies ("exists", "gte 0")
 * is refused before anything is sent.
 * @example
 * const { campaignId, scope } = await createCampaign({ signer, pool, predicate, issuerKeyHashes: [bank],
 *   rewardPerClaim: parseUnits('5'), budget: parseUnits('1000'), start: now, end: now + 30 * 86_400 });
 */
export async function createCampaign(params: CreateCampaignParameters): Promise<CreatedCampaign> {
  if (isVacuousPredicate(params.predicate)) {
    throw new InvalidInputError(
      'Every holder satisfies this predicate: a campaign would pay anyone with a credential.',
      {
        field: 'predicate',
        hint: 'Pay for a statement that says something, e.g. age ≥ 18 (not exists, not ≥ 0).',
      },
    );
  }
  const pool = connectRewardPool(params.pool, params.signer);
  try {
    const creator = await params.signer.getAddress();
    const token = params.token ?? (await pool.defaultToken());
    const salt = params.salt ?? hexlify(randomBytes(32));
    const scope = await pool.scopeOf(creator, salt);
    const merchantScope = params.merchantScope ?? BigInt(creator);
    const statementHashes = await Promise.all(
      params.issuerKeyHashes.map((issuerKeyHash) =>
        statementHashOf(statementOf(params.predicate, { issuerKeyHash, merchantScope, nullifierScope: scope })),
      ),
    );
    const metadata =
      params.metadata ??
      JSON.stringify({
        predicate: {
          attribute: params.predicate.attribute.code,
          operator: params.predicate.operatorCode.toString(),
          operandA: params.predicate.operandA.toString(),
          operandB: params.predicate.operandB.toString(),
          setHash: params.predicate.setHash.toString(),
        },
        issuers: params.issuerKeyHashes.map(String),
        merchantScope: merchantScope.toString(),
      });
    await approve({ signer: params.signer, token, spender: params.pool, amount: params.budget });
    const receipt = await mined(
      pool.createCampaign({
        token,
        rewardPerClaim: params.rewardPerClaim,
        budget: params.budget,
        start: params.start,
        end: params.end,
        salt,
        predicate: {
          attributeId: params.predicate.attribute.code,
          operator: params.predicate.operatorCode,
          operandA: params.predicate.operandA,
          operandB: params.predicate.operandB,
          setHash: params.predicate.setHash,
        },
        merchantScope,
        issuerKeyHashes: params.issuerKeyHashes,
        metadata: new TextEncoder().encode(metadata),
      }),
    );
    const created = findEvent(receipt, 'CampaignCreated');
    if (!created) throw new Error('CampaignCreated event missing');
    const onChain = receipt.logs
      .map((log) => poolInterface.parseLog(log))
      .filter((parsed) => parsed?.name === 'CampaignStatementAdded')
      .map((parsed) => BigInt(parsed?.args.statementHash));
    if (onChain.join() !== statementHashes.join()) {
      throw new Error(
        `The pool's statement hashes (${onChain.join()}) differ from the SDK's (${statementHashes.join()}).`,
      );
    }
    return {
      campaignId: BigInt(created.args.campaignId),
      scope: BigInt(created.args.scope),
      statementHashes,
      txHash: receipt.hash,
      gasUsed: BigInt(receipt.gasUsed),
    };
  } catch (error) {
    throw decodeChainError(error, poolAndToken, 'Creating the campaign');
  }
}

export type CampaignState = {
  token: string;
  start: number;
  end: number;
  paused: boolean;
  rewardPerClaim: bigint;
  remaining: bigint;
  creator: string;
  scope: bigint;
};

/** A campaign as the pool stores it; throws CAMPAIGN_NOT_FOUND for an unknown id. */
export async function readCampaign(params: {
  runner: ContractRunner;
  pool: string;
  campaignId: bigint;
}): Promise<CampaignState> {
  const c = await connectRewardPool(params.pool, params.runner).campaigns(params.campaignId);
  if (BigInt(c.token) === 0n) {
    throw new ChainError(`Campaign ${params.campaignId} does not exist on ${params.pool}.`, {
      code: 'CAMPAIGN_NOT_FOUND',
      errorName: 'CampaignNotFound',
      field: 'campaignId',
    });
  }
  return {
    token: String(c.token),
    start: Number(c.start),
    end: Number(c.end),
    paused: Boolean(c.paused),
    rewardPerClaim: BigInt(c.rewardPerClaim),
    remaining: BigInt(c.remaining),
    creator: String(c.creator),
    scope: BigInt(c.scope),
  };
}

/**
 * The issuer key a campaign names for a statement hash, or null when the campaign does not pay for
 * that statement. A wallet checks it before proving for a request that names a campaign: a
 * statement belongs to one campaign only, so a proof cannot be spent elsewhere.
 */
export async function readCampaignStatement(params: {
  runner: ContractRunner;
  pool: string;
  campaignId: bigint;
  statementHash: bigint;
}): Promise<{ issuerKeyHash: bigint } | null> {
  const pool = connectRewardPool(params.pool, params.runner);
  const issuerKeyHash = await pool.campaignStatements(params.campaignId, params.statementHash);
  return issuerKeyHash === 0n ? null : { issuerKeyHash };
}

/** Adds `amount` to a campaign's budget (creator only, before the end); returns what arrived. */
export async function topUpCampaign(params: {
  signer: Signer;
  pool: string;
  campaignId: bigint;
  amount: bigint;
}): Promise<{ txHash: string; funded: bigint }> {
  try {
    const { token } = await readCampaign({ runner: params.signer, pool: params.pool, campaignId: params.campaignId });
    await approve({ signer: params.signer, token, spender: params.pool, amount: params.amount });
    const pool = connectRewardPool(params.pool, params.signer);
    await pool.topUp.staticCall(params.campaignId, params.amount);
    const receipt = await mined(pool.topUp(params.campaignId, params.amount));
    const event = findEvent(receipt, 'CampaignToppedUp');
    return { txHash: receipt.hash, funded: BigInt(event?.args.amount ?? 0n) };
  } catch (error) {
    throw decodeChainError(error, poolAndToken, 'Topping up the campaign');
  }
}

/**
 * A call only the campaign's creator may make (pause, unpause, withdraw, close), signed by `signer`.
 * @since 0.2.0
 */
export type CreatorCall = { signer: Signer; pool: string; campaignId: bigint };

/** Simulates, then sends, one of the creator's calls on a campaign. */
function sendCreatorCall(
  params: CreatorCall,
  method: 'pause' | 'unpause' | 'withdraw' | 'close',
  action: string,
): Promise<ContractTransactionReceipt> {
  const pool = connectRewardPool(params.pool, params.signer);
  return simulateAndSend(pool[method], [params.campaignId], { abi: poolInterface, action });
}

/** Stops claims until unpauseCampaign (creator only). */
export async function pauseCampaign(params: CreatorCall) {
  return { txHash: (await sendCreatorCall(params, 'pause', 'Pausing the campaign')).hash };
}

/** Allows claims again (creator only). */
export async function unpauseCampaign(params: CreatorCall) {
  return { txHash: (await sendCreatorCall(params, 'unpause', 'Unpausing the campaign')).hash };
}

/** Sends what is left of an ended campaign back to its creator (creator only). */
export async function withdrawCampaign(params: CreatorCall): Promise<{ txHash: string; amount: bigint }> {
  const receipt = await sendCreatorCall(params, 'withdraw', 'Withdrawing the campaign budget');
  return { txHash: receipt.hash, amount: BigInt(findEvent(receipt, 'CampaignWithdrawn')?.args.amount ?? 0n) };
}

/**
 * Ends a campaign before its end date and sends its unspent budget back to the creator at once
 * (creator only); claims are refused from this block on.
 */
export async function closeCampaign(params: CreatorCall): Promise<{ txHash: string; amount: bigint }> {
  const receipt = await sendCreatorCall(params, 'close', 'Closing the campaign');
  return { txHash: receipt.hash, amount: BigInt(findEvent(receipt, 'CampaignClosed')?.args.refunded ?? 0n) };
}

async function approve(params: { signer: Signer; token: string; spender: string; amount: bigint }) {
  await mined(connectRewardToken(params.token, params.signer).approve(params.spender, params.amount));
}

/**
 * Simulates a contract call first (a revert is decoded before any gas is spent), then sends it
 * and waits until it is mined; any failure is thrown as the ChainError of `action`.
 */
export async function simulateAndSend<Args extends unknown[]>(
  method: BaseContractMethod<Args, unknown, ContractTransactionResponse>,
  args: Args,
  errors: { abi: Interface; action: string },
): Promise<ContractTransactionReceipt> {
  const call = args as ContractMethodArgs<Args>;
  try {
    await method.staticCall(...call);
    return await mined(method(...call));
  } catch (error) {
    throw decodeChainError(error, errors.abi, errors.action);
  }
}

function findEvent(receipt: ContractTransactionReceipt, name: string) {
  for (const log of receipt.logs) {
    const parsed = poolInterface.parseLog(log);
    if (parsed?.name === name) return parsed;
  }
  return undefined;
}
